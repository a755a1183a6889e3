import { Op } from 'sequelize';
import { Character, CharacterTranslation } from '../db/models/index.js';
import type { CharacterRecord, CharacterTexts } from './types.js';

const iso = (value: Date | null | undefined): string | null => (value ? new Date(value).toISOString() : null);

function toRecord(character: Character, translations: CharacterTranslation[]): CharacterRecord {
  const texts: Record<string, CharacterTexts> = {};
  for (const row of translations) {
    texts[row.language] = { name: row.name, tagline: row.tagline, description: row.description, greeting: row.greeting };
  }
  if (!texts.en) throw new Error(`character ${character.id} has no en translation`);
  return {
    id: character.id,
    slug: character.slug,
    tier: character.tier,
    interests: character.interests,
    languages: character.languages,
    avatar_url: character.avatar_url,
    persona: character.persona,
    position: character.position,
    deleted_at: iso(character.deleted_at),
    created_at: iso(character.created_at)!,
    updated_at: iso(character.updated_at)!,
    translations: texts as CharacterRecord['translations'],
  };
}

async function withTranslations(characters: Character[]): Promise<CharacterRecord[]> {
  if (characters.length === 0) return [];
  const rows = await CharacterTranslation.findAll({ where: { character_id: characters.map((character) => character.id) } });
  const byCharacter = new Map<string, CharacterTranslation[]>();
  for (const row of rows) byCharacter.set(row.character_id, [...(byCharacter.get(row.character_id) ?? []), row]);
  return characters.map((character) => toRecord(character, byCharacter.get(character.id) ?? []));
}

/** Every character that is not deleted, in catalogue order (position, then id). */
export async function loadCatalogueFromDb(): Promise<CharacterRecord[]> {
  const characters = await Character.findAll({ where: { deleted_at: null }, order: [['position', 'ASC'], ['id', 'ASC']] });
  return withTranslations(characters);
}

/** One character, deleted ones included: conversations with a deleted character keep working. */
export async function loadCharacterFromDb(id: string): Promise<CharacterRecord | null> {
  const character = await Character.findByPk(id);
  if (!character) return null;
  const [record] = await withTranslations([character]);
  return record ?? null;
}

export async function slugTaken(slug: string, exceptId?: string): Promise<boolean> {
  const where = exceptId ? { slug, id: { [Op.ne]: exceptId } } : { slug };
  return (await Character.count({ where })) > 0;
}
