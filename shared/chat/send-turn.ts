import { ensureRestored } from '../archive/conversation-archive.js';
import { Message } from '../db/models/index.js';
import { AppError } from '../errors.js';
import { newId } from '../ids.js';
import type { Infra } from '../infra.js';
import { quotaStatus, refundMessage, reserveMessage } from '../quota/client.js';
import { callWorker } from '../rpc.js';
import type { ConversationSnapshot, MessageView, QuotaSnapshot } from '../subjects.js';
import { ownedTurnConversation, type Owner, type TurnConversation } from './conversations.js';
import { watchGeneration, type GenerationWatch } from './generation-feed.js';
import { claimTurn, releaseClientMessage, releaseConversation } from './turn-locks.js';
import { messageView } from './views.js';

/** A chat turn the edge can relay: a new one, or the earlier attempt a retried client_message_id joins. */
export interface TurnHandle {
  generationId: string;
  userMessage: MessageView;
  /** The quota for X-Quota-* headers; null when the quota pool could not say (a joined retry). */
  quota: QuotaSnapshot | null;
  joined: boolean;
  /**
   * For a new turn, a watch of the generation's events (this process's one core NATS subscription to
   * its subject), opened before the worker was asked: it holds every event live without the cost of
   * a JetStream consumer. A joined retry has none and replays from JetStream.
   */
  live?: GenerationWatch;
}

const JOIN_POLL_MS = 50;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const joined = (generationId: string, userMessage: MessageView, quota: QuotaSnapshot | null): TurnHandle =>
  ({ generationId, userMessage, quota, joined: true });

async function joinStored(infra: Infra, userId: string, message: Message): Promise<TurnHandle> {
  return joined(message.generation_id!, messageView(message), await quotaStatus(infra, userId).catch(() => null));
}

/**
 * Takes the conversation (and the client message id) for this generation. A conversation busy with
 * another reply is a 409; a client message id held by an earlier attempt is joined once that attempt
 * has stored its message, and is free again if the attempt gave up (quota, conflict, no worker).
 */
async function claimOrJoin(infra: Infra, userId: string, conversationId: string, clientMessageId: string | null, generationId: string) {
  const deadline = Date.now() + infra.config.RPC_TIMEOUT_MS * 2;
  for (;;) {
    const claim = await claimTurn(infra, conversationId, clientMessageId, generationId);
    if (claim.taken) return null;
    if (claim.heldBy === 'conversation') {
      throw new AppError('conflict', 'A reply is still being generated in this conversation', { generation_id: claim.holder });
    }
    const stored = await Message.findOne({ where: { conversation_id: conversationId, client_message_id: clientMessageId } });
    if (stored) return joinStored(infra, userId, stored);
    if (Date.now() > deadline) throw new AppError('conflict', 'This message is still being sent', { generation_id: claim.holder });
    await sleep(JOIN_POLL_MS);
  }
}

const releaseClaims = (infra: Infra, conversationId: string, clientMessageId: string | null, generationId: string) =>
  Promise.all([
    releaseConversation(infra, conversationId, generationId),
    clientMessageId ? releaseClientMessage(infra, conversationId, clientMessageId, generationId) : null,
  ]);

/** The owner check and the claims go together; the owner check decides first, and claims taken for a refused turn are given back. */
async function ownAndClaim(infra: Infra, owner: Owner, conversationId: string, clientMessageId: string | null, generationId: string) {
  const [owned, claimed] = await Promise.allSettled([
    ownedTurnConversation(infra, owner.user_id, conversationId),
    claimOrJoin(infra, owner.user_id, conversationId, clientMessageId, generationId),
  ]);
  if (owned.status === 'rejected') {
    if (claimed.status === 'fulfilled' && claimed.value === null) await releaseClaims(infra, conversationId, clientMessageId, generationId);
    throw owned.reason;
  }
  if (claimed.status === 'rejected') throw claimed.reason;
  return { conversation: owned.value, joinedTurn: claimed.value };
}

const snapshotOf = (conversation: TurnConversation): ConversationSnapshot => ({
  id: conversation.id,
  character_id: conversation.character_id,
  language: conversation.language,
  summary: conversation.summary,
  summary_through_message_id: conversation.summary_through_message_id,
});

async function undoAll(infra: Infra, undo: Array<() => Promise<unknown>>, generationId: string): Promise<void> {
  for (const step of undo.reverse()) {
    await step().catch((undoError: Error) => infra.log.error({ err: undoError.message, generationId }, 'could not undo a refused chat turn'));
  }
}

/**
 * Starts a chat turn: the quota reservation, the owner check and the claims (client message id, one
 * generation per conversation) at once, then `chat.generate` to the llm pool. A refusal reads as the
 * first of 404, 409, 429 that applies, and every step that fails gives back what the others took
 * (the reservation with its per-minute point), so a refused or unanswered turn is never charged.
 */
export async function startTurn(
  infra: Infra,
  owner: Owner,
  conversationId: string,
  input: { content: string; client_message_id?: string },
): Promise<TurnHandle> {
  const generationId = newId();
  const clientMessageId = input.client_message_id ?? null;
  const reserving = reserveMessage(infra, owner.user_id, generationId);
  reserving.catch(() => undefined);
  const giveBack = () => reserving.then(() => refundMessage(infra, owner.user_id, generationId), () => undefined);
  const { conversation, joinedTurn } = await ownAndClaim(infra, owner, conversationId, clientMessageId, generationId).catch(async (error: unknown) => {
    await giveBack();
    throw error;
  });
  if (joinedTurn) {
    await giveBack();
    return joinedTurn;
  }
  const undo: Array<() => Promise<unknown>> = [giveBack, () => releaseClaims(infra, conversationId, clientMessageId, generationId)];
  try {
    if (conversation.status === 'ended') throw new AppError('conflict', 'This conversation has ended');
    await ensureRestored(infra, conversation);
    const quota = await reserving;
    const live = watchGeneration(infra, generationId);
    undo.push(async () => live.close());
    const accepted = await callWorker(
      infra.nc,
      infra.subjects.chat.generate,
      {
        generation_id: generationId,
        conversation: snapshotOf(conversation),
        user_id: owner.user_id,
        user_message_id: newId(),
        plan: owner.plan,
        content: input.content,
        client_message_id: clientMessageId,
        quota: { remaining: quota.remaining, resets_at: quota.resets_at },
      },
      infra.config.RPC_TIMEOUT_MS,
    );
    if (!accepted.joined) return { generationId, userMessage: accepted.user_message, quota, joined: false, live };
    await undoAll(infra, undo, generationId);
    return joined(accepted.generation_id, accepted.user_message, await quotaStatus(infra, owner.user_id).catch(() => null));
  } catch (error) {
    await undoAll(infra, undo, generationId);
    throw error;
  }
}
