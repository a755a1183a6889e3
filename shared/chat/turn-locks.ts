import type { Infra } from '../infra.js';
import { redisScript } from '../redis-script.js';

/**
 * Two Redis claims keep chat turns orderly across edges: one per `client_message_id` (a retry
 * joins the first attempt instead of charging again) and one per conversation (one reply generates
 * at a time). Both hold the generation id and expire on their own if their owner dies.
 */

const CLIENT_MESSAGE_CLAIM_MS = 60_000;
/** Past the LLM timeout a turn is over whatever happened; the margin covers storing the reply. */
const conversationLockMs = (infra: Infra) => infra.config.LLM_TIMEOUT_MS + 30_000;

const clientMessageKey = (infra: Infra, conversationId: string, clientMessageId: string) =>
  infra.key('chat', 'cmid', conversationId, clientMessageId);
const conversationKey = (infra: Infra, conversationId: string) => infra.key('chat', 'generating', conversationId);

const releaseIfOwner = redisScript<number>(
  'release_if_owner',
  1,
  "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end",
);

/** Claims a client message id for a generation; null means it was claimed (returns the holder's id). */
export async function claimClientMessage(infra: Infra, conversationId: string, clientMessageId: string, generationId: string) {
  const key = clientMessageKey(infra, conversationId, clientMessageId);
  const set = await infra.redis.set(key, generationId, 'PX', CLIENT_MESSAGE_CLAIM_MS, 'NX');
  return set === 'OK' ? null : ((await infra.redis.get(key)) ?? '');
}

export async function releaseClientMessage(infra: Infra, conversationId: string, clientMessageId: string, generationId: string) {
  await releaseIfOwner(infra.redis, [clientMessageKey(infra, conversationId, clientMessageId)], [generationId]);
}

/** Takes the conversation for a generation; returns the running generation's id when it is taken. */
export async function lockConversation(infra: Infra, conversationId: string, generationId: string): Promise<string | null> {
  const key = conversationKey(infra, conversationId);
  const set = await infra.redis.set(key, generationId, 'PX', conversationLockMs(infra), 'NX');
  return set === 'OK' ? null : ((await infra.redis.get(key)) ?? '');
}

export async function releaseConversation(infra: Infra, conversationId: string, generationId: string): Promise<void> {
  await releaseIfOwner(infra.redis, [conversationKey(infra, conversationId)], [generationId]);
}
