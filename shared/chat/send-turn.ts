import type { Subscription } from '@nats-io/transport-node';
import { ensureRestored } from '../archive/conversation-archive.js';
import { Message } from '../db/models/index.js';
import { AppError } from '../errors.js';
import { newId } from '../ids.js';
import type { Infra } from '../infra.js';
import { quotaStatus, refundMessage, reserveMessage } from '../quota/client.js';
import { callWorker } from '../rpc.js';
import type { MessageView, QuotaSnapshot } from '../subjects.js';
import { ownedConversation, type Owner } from './conversations.js';
import { claimClientMessage, lockConversation, releaseClientMessage, releaseConversation } from './turn-locks.js';
import { messageView } from './views.js';

/** A chat turn the edge can relay: a new one, or the earlier attempt a retried client_message_id joins. */
export interface TurnHandle {
  generationId: string;
  userMessage: MessageView;
  /** The quota for X-Quota-* headers; null when the quota pool could not say (a joined retry). */
  quota: QuotaSnapshot | null;
  joined: boolean;
  /**
   * For a new turn, a core NATS subscription to the generation's subject, opened before the worker
   * was asked: it sees every event live without the cost of a JetStream consumer. A joined retry has
   * none and replays from JetStream.
   */
  live?: Subscription;
}

const JOIN_POLL_MS = 50;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function joinExisting(infra: Infra, userId: string, message: Message): Promise<TurnHandle> {
  const quota = await quotaStatus(infra, userId).catch(() => null);
  return { generationId: message.generation_id!, userMessage: messageView(message), quota, joined: true };
}

/**
 * Claims the client message id. Concurrent retries wait for the first attempt to store its message
 * and join it; if that attempt gave up (quota, conflict, no worker), the claim is free again.
 */
async function claimOrJoin(infra: Infra, userId: string, conversationId: string, clientMessageId: string, generationId: string) {
  const deadline = Date.now() + infra.config.RPC_TIMEOUT_MS * 2;
  for (;;) {
    const existing = await Message.findOne({ where: { conversation_id: conversationId, client_message_id: clientMessageId } });
    if (existing) return joinExisting(infra, userId, existing);
    const holder = await claimClientMessage(infra, conversationId, clientMessageId, generationId);
    if (holder === null) return null;
    if (Date.now() > deadline) throw new AppError('conflict', 'This message is still being sent', { generation_id: holder });
    await sleep(JOIN_POLL_MS);
  }
}

/**
 * Starts a chat turn: idempotency claim → one generation per conversation → quota reservation →
 * `chat.generate` to the llm pool. Every step that fails gives back what the steps before it took,
 * so a refused or unanswered turn is never charged.
 */
export async function startTurn(
  infra: Infra,
  owner: Owner,
  conversationId: string,
  input: { content: string; client_message_id?: string },
): Promise<TurnHandle> {
  const conversation = await ownedConversation(owner.user_id, conversationId);
  await ensureRestored(infra, conversation);
  const generationId = newId();
  const clientMessageId = input.client_message_id ?? null;
  if (clientMessageId) {
    const joined = await claimOrJoin(infra, owner.user_id, conversation.id, clientMessageId, generationId);
    if (joined) return joined;
  }
  const undo: Array<() => Promise<unknown>> = [];
  if (clientMessageId) undo.push(() => releaseClientMessage(infra, conversation.id, clientMessageId, generationId));
  try {
    if (conversation.status === 'ended') throw new AppError('conflict', 'This conversation has ended');
    const running = await lockConversation(infra, conversation.id, generationId);
    if (running !== null) {
      throw new AppError('conflict', 'A reply is still being generated in this conversation', { generation_id: running });
    }
    undo.push(() => releaseConversation(infra, conversation.id, generationId));
    const quota = await reserveMessage(infra, owner.user_id, generationId);
    undo.push(() => refundMessage(infra, owner.user_id, generationId));
    const live = infra.nc.subscribe(infra.subjects.generation.events(generationId).subject);
    undo.push(async () => live.unsubscribe());
    const accepted = await callWorker(
      infra.nc,
      infra.subjects.chat.generate,
      {
        generation_id: generationId,
        conversation_id: conversation.id,
        user_id: owner.user_id,
        user_message_id: newId(),
        plan: owner.plan,
        content: input.content,
        client_message_id: clientMessageId,
        quota: { remaining: quota.remaining, resets_at: quota.resets_at },
      },
      infra.config.RPC_TIMEOUT_MS,
    );
    return { generationId, userMessage: accepted.user_message, quota, joined: false, live };
  } catch (error) {
    for (const step of undo.reverse()) {
      await step().catch((undoError: Error) => infra.log.error({ err: undoError.message, generationId }, 'could not undo a refused chat turn'));
    }
    throw error;
  }
}
