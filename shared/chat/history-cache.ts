import { Op } from 'sequelize';
import { Message } from '../db/models/index.js';
import type { Infra } from '../infra.js';
import { redisScript } from '../redis-script.js';

/** A message as the prompt builder reads it. */
export interface CachedMessage {
  id: string;
  role: 'user' | 'assistant';
  content: string;
}

/** Messages kept hot per conversation: the prompt's recent window. */
export const RECENT_WINDOW = 80;
const CACHE_TTL_SECONDS = 24 * 60 * 60;

const recentKey = (infra: Infra, conversationId: string) => infra.key('chat', 'recent', conversationId);

/** Appends only to a list that exists: a missing list is rebuilt from MySQL by the next read. */
const appendIfCached = redisScript<number>(
  'history_append',
  1,
  `if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
   redis.call('RPUSH', KEYS[1], ARGV[1])
   redis.call('LTRIM', KEYS[1], -tonumber(ARGV[2]), -1)
   redis.call('EXPIRE', KEYS[1], ARGV[3])
   return 1`,
);

/** Write-through: called right after a message that belongs in prompts (user, or a finished reply) is stored. */
export async function rememberMessage(infra: Infra, conversationId: string, message: CachedMessage): Promise<void> {
  const entry = JSON.stringify({ id: message.id, role: message.role, content: message.content });
  await appendIfCached(infra.redis, [recentKey(infra, conversationId)], [entry, RECENT_WINDOW, CACHE_TTL_SECONDS]).catch((error: Error) => {
    infra.log.warn({ err: error.message, conversationId }, 'history cache append failed; dropping it');
    return infra.redis.del(recentKey(infra, conversationId)).catch(() => 0);
  });
}

async function loadRecent(conversationId: string): Promise<CachedMessage[]> {
  const rows = await Message.findAll({
    where: { conversation_id: conversationId, status: { [Op.in]: ['complete', 'partial'] } },
    order: [['created_at', 'DESC'], ['id', 'DESC']],
    limit: RECENT_WINDOW,
    attributes: ['id', 'role', 'content'],
  });
  return rows.reverse().map(({ id, role, content }) => ({ id, role, content }));
}

/**
 * The recent window, oldest first: Redis when warm, else MySQL (and Redis is filled for next time).
 * `coldReadAfter` holds a cold read back until a message being stored is in MySQL, so the refill
 * cannot leave it out.
 */
export async function recentMessages(infra: Infra, conversationId: string, coldReadAfter?: Promise<unknown>): Promise<CachedMessage[]> {
  const key = recentKey(infra, conversationId);
  const cached = await infra.redis.lrange(key, 0, -1).catch(() => null);
  if (cached && cached.length > 0) return cached.map((entry) => JSON.parse(entry) as CachedMessage);
  await coldReadAfter;
  const messages = await loadRecent(conversationId);
  if (messages.length > 0) {
    await infra.redis
      .multi()
      .del(key)
      .rpush(key, ...messages.map((message) => JSON.stringify(message)))
      .expire(key, CACHE_TTL_SECONDS)
      .exec()
      .catch(() => undefined);
  }
  return messages;
}

export const forgetHistory = (infra: Infra, conversationId: string) =>
  infra.redis.del(recentKey(infra, conversationId)).catch(() => 0);
