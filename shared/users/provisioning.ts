import { UniqueConstraintError } from 'sequelize';
import type { Config } from '../config.js';
import { Session, User } from '../db/models/index.js';
import { AppError } from '../errors.js';
import type { Infra } from '../infra.js';

export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

/** Admins of the local provider: ADMIN_EMAILS, or users granted with `npm run admin -- grant-admin`. */
export const isAdmin = (config: Config, user: Pick<User, 'email' | 'is_admin'>): boolean =>
  user.is_admin || (user.email !== null && config.ADMIN_EMAILS.includes(user.email.toLowerCase()));

/** A new local account; an email already in use is a 409. */
export async function createUser(
  id: string,
  fields: { email: string; password_hash: string; display_name: string | null },
): Promise<User> {
  try {
    return await User.create({ id, ...fields, email: normaliseEmail(fields.email) });
  } catch (error) {
    if (error instanceof UniqueConstraintError) throw new AppError('conflict', 'An account with this email already exists');
    throw error;
  }
}

/**
 * The user behind a token issued elsewhere (Supabase): created on its first request. Concurrent
 * first requests race on the primary key with INSERT IGNORE, so exactly one row is made. An email
 * another account already holds is not copied (the unique index would refuse it).
 */
export async function provisionUser(identity: { id: string; email: string | null; display_name: string | null }): Promise<User> {
  const existing = await User.findByPk(identity.id);
  if (existing) return existing;
  const row = { id: identity.id, email: identity.email, password_hash: null, display_name: identity.display_name?.slice(0, 80) ?? null };
  await User.bulkCreate([row], { ignoreDuplicates: true });
  const created = await User.findByPk(identity.id);
  if (created) return created;
  await User.bulkCreate([{ ...row, email: null }], { ignoreDuplicates: true });
  const withoutEmail = await User.findByPk(identity.id);
  if (!withoutEmail) throw new Error(`could not provision user ${identity.id}`);
  return withoutEmail;
}

/** A session first seen in a token issued elsewhere; made once even when requests race. */
export async function adoptSession(infra: Infra, sessionId: string, userId: string, device?: { user_agent: string | null; ip: string | null }): Promise<void> {
  const expires_at = new Date(infra.clock.now().getTime() + infra.config.REFRESH_TOKEN_TTL_DAYS * 86_400_000);
  await Session.bulkCreate(
    [{ id: sessionId, user_id: userId, user_agent: device?.user_agent ?? null, ip: device?.ip ?? null, expires_at }],
    { ignoreDuplicates: true },
  );
}
