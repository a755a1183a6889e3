import { randomBytes } from 'node:crypto';
import { UserCharacterSetting } from '../db/models/index.js';
import { AppError, notFound } from '../errors.js';
import type { Infra } from '../infra.js';
import type { BlobStore } from '../storage/index.js';
import type { Plan } from '../subjects.js';
import { normaliseAvatar } from './avatar-image.js';
import type { CharacterCatalogue } from './catalogue.js';

/** A character that is still in the catalogue, else 404. */
export async function liveCharacter(catalogue: CharacterCatalogue, characterId: string) {
  const record = await catalogue.get(characterId);
  if (!record) throw notFound('character');
  return record;
}

/** A user's own name for a character (null clears it); other users never see it. */
export async function setNickname(
  catalogue: CharacterCatalogue,
  userId: string,
  characterId: string,
  nickname: string | null,
): Promise<void> {
  await liveCharacter(catalogue, characterId);
  const existing = await UserCharacterSetting.findOne({ where: { user_id: userId, character_id: characterId } });
  if (existing) await existing.update({ nickname });
  else if (nickname !== null) await UserCharacterSetting.create({ user_id: userId, character_id: characterId, nickname, avatar_key: null });
}

export const requirePro = (plan: Plan, what: string): void => {
  if (plan !== 'pro') throw new AppError('pro_required', `${what} needs a Pro plan`);
};

/**
 * Stores a Pro user's own avatar for a character: validated and re-encoded first, stored under an
 * unguessable key (it is served without a token), and the previous one removed.
 */
export async function setCustomAvatar(
  infra: Infra,
  store: BlobStore,
  userId: string,
  characterId: string,
  upload: Buffer,
): Promise<string> {
  const webp = await normaliseAvatar(upload);
  const key = `avatars/${userId}_${characterId}_${randomBytes(12).toString('hex')}.webp`;
  await store.put(key, webp, 'image/webp');
  const existing = await UserCharacterSetting.findOne({ where: { user_id: userId, character_id: characterId } });
  const previous = existing?.avatar_key;
  if (existing) await existing.update({ avatar_key: key });
  else await UserCharacterSetting.create({ user_id: userId, character_id: characterId, nickname: null, avatar_key: key });
  if (previous) await store.delete(previous).catch((error: Error) => infra.log.warn({ err: error.message }, 'old avatar not removed'));
  return key;
}
