import type { Sequelize } from 'sequelize';
import { Character, CharacterTranslation } from '../../db/models/index.js';
import { newId } from '../../ids.js';
import { languageCodes } from '../../languages.js';
import type { Seeder } from '../index.js';
import { seedCharacters, type SeedCharacter } from './index.js';

const personaOf = (seed: SeedCharacter) => ({ ...seed.persona, extensions: { saathi_avatar: seed.look } });

const translationRows = (characterId: string, seed: SeedCharacter) =>
  languageCodes.map((language) => ({ character_id: characterId, language, ...seed.translations[language] }));

/**
 * Writes the launch catalogue by slug: new characters are created, existing ones get the seed's
 * texts and persona again. A character an admin deleted stays deleted.
 */
export async function seedCharacterCatalogue(sequelize: Sequelize): Promise<number> {
  return sequelize.transaction(async (transaction) => {
    for (const seed of seedCharacters) {
      const existing = await Character.findOne({ where: { slug: seed.slug }, transaction });
      const id = existing?.id ?? newId();
      const columns = {
        tier: seed.tier,
        interests: seed.interests,
        languages: [...languageCodes],
        persona: personaOf(seed),
        position: seed.position,
      };
      if (existing) await existing.update(columns, { transaction });
      else await Character.create({ id, slug: seed.slug, avatar_url: null, ...columns }, { transaction });
      await CharacterTranslation.bulkCreate(translationRows(id, seed), {
        updateOnDuplicate: ['name', 'tagline', 'description', 'greeting'],
        transaction,
      });
    }
    return seedCharacters.length;
  });
}

export const charactersSeeder: Seeder = {
  name: 'characters',
  isEmpty: async () => (await Character.count()) === 0,
  run: seedCharacterCatalogue,
};
