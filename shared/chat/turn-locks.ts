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
/** Held by the generation replying in a conversation; `rememberTurn` frees it with the turn's history. */
export const conversationKey = (infra: Infra, conversationId: string) => infra.key('chat', 'generating', conversationId);

const releaseIfOwner = redisScript<number>(
  'release_if_owner',
  1,
  "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end",
);

/**
 * Both claims in one step. KEYS: the conversation, then the client message id if there is one.
 * ARGV: generation id, conversation ttl, client message ttl. Answers {'taken'}, or {'sent', holder}
 * when the client message id is held, or {'busy', holder} when the conversation is; nothing is
 * taken unless both were free.
 */
const claimBoth = redisScript<[string, string?]>(
  'turn_claim',
  2,
  `if KEYS[2] ~= '' then
  local sent = redis.call('GET', KEYS[2])
  if sent then return {'sent', sent} end
end
local busy = redis.call('GET', KEYS[1])
if busy then return {'busy', busy} end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
if KEYS[2] ~= '' then redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[3]) end
return {'taken'}`,
);

export type TurnClaim = { taken: true } | { taken: false; holder: string; heldBy: 'client_message' | 'conversation' };

/** Takes the conversation (and the client message id) for a generation, or says who holds them. */
export async function claimTurn(infra: Infra, conversationId: string, clientMessageId: string | null, generationId: string): Promise<TurnClaim> {
  const keys = [conversationKey(infra, conversationId), clientMessageId ? clientMessageKey(infra, conversationId, clientMessageId) : ''];
  const [answer, holder] = await claimBoth(infra.redis, keys, [generationId, conversationLockMs(infra), CLIENT_MESSAGE_CLAIM_MS]);
  if (answer === 'taken') return { taken: true };
  return { taken: false, holder: holder ?? '', heldBy: answer === 'sent' ? 'client_message' : 'conversation' };
}

export async function releaseClientMessage(infra: Infra, conversationId: string, clientMessageId: string, generationId: string) {
  await releaseIfOwner(infra.redis, [clientMessageKey(infra, conversationId, clientMessageId)], [generationId]);
}

export async function releaseConversation(infra: Infra, conversationId: string, generationId: string): Promise<void> {
  await releaseIfOwner(infra.redis, [conversationKey(infra, conversationId)], [generationId]);
}
