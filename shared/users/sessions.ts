import { Op } from 'sequelize';
import { Session } from '../db/models/index.js';
import type { Infra } from '../infra.js';
import { encodeJson } from '../rpc.js';

/** How long Redis may answer "active" for a session before MySQL is asked again. */
const ACTIVE_CACHE_SECONDS = 300;

export type SessionState = 'active' | 'revoked' | 'missing';

const stateKey = (infra: Infra, sessionId: string) => infra.key('session', sessionId);

/**
 * Whether a session may still be used. Redis answers in the common case; MySQL (sessions.revoked_at)
 * stays the truth, so a logout survives a Redis flush or restart.
 */
export async function sessionState(infra: Infra, sessionId: string, userId: string): Promise<SessionState> {
  const cached = await infra.redis.get(stateKey(infra, sessionId)).catch(() => null);
  if (cached === 'revoked') return 'revoked';
  if (cached === `active:${userId}`) return 'active';
  const session = await Session.findByPk(sessionId);
  if (!session || session.user_id !== userId) return 'missing';
  const now = infra.clock.now();
  const state: SessionState = session.revoked_at || session.expires_at <= now ? 'revoked' : 'active';
  if (state === 'active') {
    await infra.redis.set(stateKey(infra, sessionId), `active:${userId}`, 'EX', ACTIVE_CACHE_SECONDS).catch(() => undefined);
    await session.update({ last_seen_at: now }).catch(() => undefined);
  } else {
    await rememberRevoked(infra, sessionId);
  }
  return state;
}

async function rememberRevoked(infra: Infra, sessionId: string): Promise<void> {
  const ttl = infra.config.ACCESS_TOKEN_TTL_SECONDS + 60;
  await infra.redis.set(stateKey(infra, sessionId), 'revoked', 'EX', ttl).catch(() => undefined);
}

/**
 * Kills sessions at once: MySQL first (the durable record), then Redis (TTL = an access token's
 * life, after which no token of the session can be valid anyway), then every edge drops its cached
 * tokens of these sessions.
 */
export async function revokeSessions(infra: Infra, userId: string, sessionIds: string[]): Promise<void> {
  if (sessionIds.length === 0) return;
  await Session.update(
    { revoked_at: infra.clock.now() },
    { where: { id: { [Op.in]: sessionIds }, user_id: userId, revoked_at: null } },
  );
  for (const sessionId of sessionIds) {
    await rememberRevoked(infra, sessionId);
    infra.nc.publish(infra.subjects.cache.sessionRevoked.subject, encodeJson({ session_id: sessionId, user_id: userId }));
  }
}

/** Every session of a user that has not been revoked yet (DELETE /v1/me kills them all). */
export async function revokeAllSessions(infra: Infra, userId: string): Promise<void> {
  const sessions = await Session.findAll({ where: { user_id: userId, revoked_at: null }, attributes: ['id'] });
  await revokeSessions(infra, userId, sessions.map((session) => session.id));
}

/** The devices a user is signed in on: live sessions, latest first. */
export async function liveSessions(infra: Infra, userId: string): Promise<Session[]> {
  return Session.findAll({
    where: { user_id: userId, revoked_at: null, expires_at: { [Op.gt]: infra.clock.now() } },
    order: [['created_at', 'DESC']],
  });
}
