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

export const forgetHistory = (infra: Infra, conversationId: string) =>
  infra.redis.del(recentKey(infra, conversationId)).catch(() => 0);

/**
 * A turn's end in one step: its messages join the window if the window is cached (the user's unless
 * a cold read already put it last), and the conversation is freed if this generation still holds
 * it. KEYS: the window, the conversation's lock. ARGV: the user's entry and id, the reply's entry,
 * the window's size and ttl, the generation id.
 */
const appendTurnAndRelease = redisScript<number>(
  'history_turn_end',
  2,
  `if redis.call('EXISTS', KEYS[1]) == 1 then
  if cjson.decode(redis.call('LINDEX', KEYS[1], -1)).id ~= ARGV[2] then redis.call('RPUSH', KEYS[1], ARGV[1]) end
  redis.call('RPUSH', KEYS[1], ARGV[3])
  redis.call('LTRIM', KEYS[1], -tonumber(ARGV[4]), -1)
  redis.call('EXPIRE', KEYS[1], ARGV[5])
end
if redis.call('GET', KEYS[2]) == ARGV[6] then redis.call('DEL', KEYS[2]) end
return 1`,
);

const entryOf = (message: CachedMessage) => JSON.stringify({ id: message.id, role: message.role, content: message.content });

/**
 * Write-through at the end of a stored turn: the user's message and the reply join the window, and
 * the conversation is free for its next turn. Both messages go in here, not the user's as it is
 * stored, so a turn costs one round trip; a turn that fails instead forgets the window (`forgetHistory`).
 */
export async function rememberTurn(infra: Infra, conversationId: string, turn: { user: CachedMessage; reply: CachedMessage; lockKey: string; generationId: string }): Promise<void> {
  const keys = [recentKey(infra, conversationId), turn.lockKey];
  const args = [entryOf(turn.user), turn.user.id, entryOf(turn.reply), RECENT_WINDOW, CACHE_TTL_SECONDS, turn.generationId];
  await appendTurnAndRelease(infra.redis, keys, args).catch(async (error: Error) => {
    infra.log.warn({ err: error.message, conversationId }, 'history cache append failed; dropping it');
    await forgetHistory(infra, conversationId);
    throw error;
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
      .rpush(key, ...messages.map(entryOf))
      .expire(key, CACHE_TTL_SECONDS)
      .exec()
      .catch(() => undefined);
  }
  return messages;
}
