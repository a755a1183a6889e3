import { Interest, User, UserInterest } from '../db/models/index.js';
import { notFound } from '../errors.js';
import type { Infra } from '../infra.js';
import type { LanguageCode } from '../languages.js';
import { encodeJson } from '../rpc.js';
import { requireKnownInterests } from '../interests.js';

export interface ProfilePatch {
  display_name?: string | null | undefined;
  preferred_language?: LanguageCode | undefined;
  interests?: string[] | undefined;
}

export interface StoredProfile {
  user: User;
  interests: string[];
}

async function interestsOf(userId: string): Promise<string[]> {
  const rows = await UserInterest.findAll({ where: { user_id: userId } });
  const positions = new Map((await Interest.findAll({ attributes: ['slug', 'position'] })).map((row) => [row.slug, row.position]));
  return rows.map((row) => row.interest_slug).sort((a, b) => (positions.get(a) ?? 0) - (positions.get(b) ?? 0));
}

export async function loadProfile(userId: string): Promise<StoredProfile> {
  const user = await User.findByPk(userId);
  if (!user || user.deleted_at) throw notFound('account');
  return { user, interests: await interestsOf(userId) };
}

/** Tells every llm instance to forget what it knows of the user for prompts (name, interests). */
export function profileChanged(infra: Infra, userId: string): void {
  infra.nc.publish(infra.subjects.cache.profileChanged.subject, encodeJson({ user_id: userId }));
}

/** Applies a validated patch; the interest list is replaced as a whole, and an unknown slug is a 422. */
export async function updateProfile(infra: Infra, userId: string, patch: ProfilePatch): Promise<StoredProfile> {
  const wanted = patch.interests ? [...new Set(patch.interests)] : undefined;
  if (wanted) await requireKnownInterests(wanted);
  await infra.sequelize.transaction(async (transaction) => {
    const user = await User.findByPk(userId, { transaction, lock: transaction.LOCK.UPDATE });
    if (!user || user.deleted_at) throw notFound('account');
    const fields: Partial<Pick<User, 'display_name' | 'preferred_language'>> = {};
    if (patch.display_name !== undefined) fields.display_name = patch.display_name;
    if (patch.preferred_language !== undefined) fields.preferred_language = patch.preferred_language;
    if (Object.keys(fields).length) await user.update(fields, { transaction });
    if (wanted) {
      await UserInterest.destroy({ where: { user_id: userId }, transaction });
      await UserInterest.bulkCreate(wanted.map((slug) => ({ user_id: userId, interest_slug: slug })), { transaction });
    }
  });
  profileChanged(infra, userId);
  return loadProfile(userId);
}
