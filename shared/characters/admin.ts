import { UniqueConstraintError, type Transaction } from 'sequelize';
import { Character, CharacterTranslation } from '../db/models/index.js';
import { AppError, notFound } from '../errors.js';
import { newId } from '../ids.js';
import { requireKnownInterests } from '../interests.js';
import type { Infra } from '../infra.js';
import type { LanguageCode } from '../languages.js';
import { charactersChanged } from './catalogue.js';
import { loadCharacterFromDb, slugTaken } from './store.js';
import type { CharacterInput, CharacterPatch, CharacterRecord, CharacterTexts } from './types.js';

const slugConflict = (slug: string) => new AppError('conflict', `A character with the slug "${slug}" already exists`, { slug });

async function nextPosition(transaction: Transaction): Promise<number> {
  const highest = (await Character.max('position', { transaction })) as number | null;
  return (highest ?? 0) + 1;
}

async function writeTexts(
  characterId: string,
  translations: Partial<Record<LanguageCode, CharacterTexts | null>>,
  transaction: Transaction,
): Promise<void> {
  for (const [language, texts] of Object.entries(translations)) {
    if (texts === null) {
      await CharacterTranslation.destroy({ where: { character_id: characterId, language }, transaction });
    } else if (texts) {
      await CharacterTranslation.upsert({ character_id: characterId, language, ...texts }, { transaction });
    }
  }
}

/** Unique-slug races that slip past the check end as 409 too, not 500. */
async function guardSlug<T>(slug: string | undefined, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof UniqueConstraintError && slug) throw slugConflict(slug);
    throw error;
  }
}

export async function createCharacter(infra: Infra, input: CharacterInput): Promise<CharacterRecord> {
  await requireKnownInterests(input.interests);
  if (await slugTaken(input.slug)) throw slugConflict(input.slug);
  const id = newId();
  await guardSlug(input.slug, () =>
    infra.sequelize.transaction(async (transaction) => {
      await Character.create(
        {
          id,
          slug: input.slug,
          tier: input.tier,
          interests: input.interests,
          languages: input.languages,
          avatar_url: input.avatar_url ?? null,
          persona: input.persona,
          position: input.position ?? (await nextPosition(transaction)),
        },
        { transaction },
      );
      await writeTexts(id, input.translations, transaction);
    }),
  );
  await charactersChanged(infra, id);
  return (await loadCharacterFromDb(id))!;
}

/** Drops persona keys a patch set to undefined, so they do not linger as explicit nulls. */
const mergePersona = (current: Character['persona'], patch: Partial<Character['persona']>) =>
  Object.fromEntries(Object.entries({ ...current, ...patch }).filter(([, value]) => value !== undefined)) as unknown as Character['persona'];

export async function updateCharacter(infra: Infra, id: string, patch: CharacterPatch): Promise<CharacterRecord> {
  const character = await Character.findOne({ where: { id, deleted_at: null } });
  if (!character) throw notFound('character');
  if (patch.interests) await requireKnownInterests(patch.interests);
  if (patch.slug && patch.slug !== character.slug && (await slugTaken(patch.slug, id))) throw slugConflict(patch.slug);
  await guardSlug(patch.slug, () =>
    infra.sequelize.transaction(async (transaction) => {
      const { persona, translations, ...columns } = patch;
      character.set(columns);
      if (persona) character.persona = mergePersona(character.persona, persona);
      await character.save({ transaction });
      if (translations) await writeTexts(id, translations, transaction);
    }),
  );
  await charactersChanged(infra, id);
  return (await loadCharacterFromDb(id))!;
}

/** Soft delete: the character leaves the catalogue, but conversations that reference it keep working. */
export async function deleteCharacter(infra: Infra, id: string): Promise<void> {
  const [updated] = await Character.update({ deleted_at: infra.clock.now() }, { where: { id, deleted_at: null } });
  if (updated === 0) throw notFound('character');
  await charactersChanged(infra, id);
}
