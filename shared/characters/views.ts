import { UserCharacterSetting, User } from '../db/models/index.js';
import { AppError } from '../errors.js';
import type { Infra } from '../infra.js';
import { isLanguageCode, type LanguageCode } from '../languages.js';
import type { Plan } from '../subjects.js';
import type { CharacterRecord, CharacterTexts, CharacterView } from './types.js';

/** Who is looking: decides the language, `locked`, and the per-user nickname and avatar. */
export interface Viewer {
  user_id: string;
  plan: Plan;
  language: LanguageCode;
  nicknames: Map<string, string>;
  avatarKeys: Map<string, string>;
}

/** The texts in a language, falling back to English for a language the character lacks. */
export function localisedTexts(record: CharacterRecord, language: string): CharacterTexts {
  return (isLanguageCode(language) ? record.translations[language] : undefined) ?? record.translations.en;
}

export const isLockedFor = (record: Pick<CharacterRecord, 'tier'>, plan: Plan): boolean => record.tier === 'premium' && plan !== 'pro';

export async function loadViewer(
  user: { user_id: string; plan: Plan },
  requestedLanguage?: LanguageCode,
): Promise<Viewer> {
  const [profile, settings] = await Promise.all([
    requestedLanguage ? null : User.findByPk(user.user_id, { attributes: ['preferred_language'] }),
    UserCharacterSetting.findAll({ where: { user_id: user.user_id } }),
  ]);
  const preferred = profile?.preferred_language;
  const nicknames = new Map<string, string>();
  const avatarKeys = new Map<string, string>();
  for (const setting of settings) {
    if (setting.nickname) nicknames.set(setting.character_id, setting.nickname);
    if (setting.avatar_key) avatarKeys.set(setting.character_id, setting.avatar_key);
  }
  return {
    user_id: user.user_id,
    plan: user.plan,
    language: requestedLanguage ?? (isLanguageCode(preferred) ? preferred : 'en'),
    nicknames,
    avatarKeys,
  };
}

/** Where avatars are served from: the configured public origin, else the one the request came in on. */
export const mediaBaseOf = (infra: Infra, requestOrigin: string): string =>
  (infra.config.PUBLIC_BASE_URL ?? requestOrigin).replace(/\/+$/, '');

export const generatedAvatarPath = (slug: string) => `/v1/media/characters/${slug}.svg`;
/** Uploaded keys are `avatars/<file>`, served by the media route of the same path. */
export const uploadedAvatarPath = (key: string) => `/v1/media/${key}`;

export function toView(record: CharacterRecord, viewer: Viewer, mediaBase: string): CharacterView {
  const texts = localisedTexts(record, viewer.language);
  const uploaded = viewer.avatarKeys.get(record.id);
  const avatar = uploaded
    ? `${mediaBase}${uploadedAvatarPath(uploaded)}`
    : (record.avatar_url ?? `${mediaBase}${generatedAvatarPath(record.slug)}`);
  return {
    id: record.id,
    slug: record.slug,
    name: texts.name,
    display_name: viewer.nicknames.get(record.id) ?? texts.name,
    tagline: texts.tagline,
    description: texts.description,
    greeting: texts.greeting,
    avatar_url: avatar,
    languages: record.languages,
    interests: record.interests,
    tier: record.tier,
    locked: isLockedFor(record, viewer.plan),
  };
}

export interface ListFilters {
  language?: string;
  interest?: string;
  tier?: 'free' | 'premium';
}

interface Cursor {
  position: number;
  id: string;
}

const encodeCursor = (record: CharacterRecord): string =>
  Buffer.from(JSON.stringify({ p: record.position, i: record.id })).toString('base64url');

function decodeCursor(cursor: string): Cursor {
  try {
    const { p, i } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { p: unknown; i: unknown };
    if (typeof p === 'number' && Number.isInteger(p) && typeof i === 'string' && i.length > 0) return { position: p, id: i };
  } catch {
    // falls through to the validation error below
  }
  throw new AppError('validation_failed', 'The cursor is invalid', { issues: [{ path: 'cursor', message: 'Not a cursor this API issued' }] });
}

const after = (record: CharacterRecord, cursor: Cursor) =>
  record.position > cursor.position || (record.position === cursor.position && record.id > cursor.id);

const byCatalogueOrder = (a: CharacterRecord, b: CharacterRecord) =>
  a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * A keyset page of the catalogue: ordered by (position, id) and resumed strictly after the last item
 * seen, so pages never repeat or skip an item even while characters are added or removed.
 */
export function pageOf(
  records: CharacterRecord[],
  filters: ListFilters,
  limit: number,
  cursor?: string,
): { items: CharacterRecord[]; next_cursor: string | null } {
  const from = cursor ? decodeCursor(cursor) : null;
  const matching = records
    .filter((record) => !filters.language || record.languages.includes(filters.language))
    .filter((record) => !filters.interest || record.interests.includes(filters.interest))
    .filter((record) => !filters.tier || record.tier === filters.tier)
    .filter((record) => !from || after(record, from))
    .sort(byCatalogueOrder);
  const items = matching.slice(0, limit);
  const last = items[items.length - 1];
  return { items, next_cursor: matching.length > limit && last ? encodeCursor(last) : null };
}
