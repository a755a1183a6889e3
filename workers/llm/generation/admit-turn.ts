import { ensureRestored } from '../../../shared/archive/conversation-archive.js';
import { ownedTurnConversation, type TurnConversation } from '../../../shared/chat/conversations.js';
import { claimTurn, releaseClientMessage, releaseConversation } from '../../../shared/chat/turn-locks.js';
import { Message } from '../../../shared/db/models/index.js';
import { AppError } from '../../../shared/errors.js';
import type { Infra } from '../../../shared/infra.js';
import { Lru } from '../../../shared/lru.js';
import { refundMessage, reserveMessage } from '../../../shared/quota/client.js';
import type { GenerateRequest, QuotaSnapshot } from '../../../shared/subjects.js';
import { rememberConversation, rememberedConversation } from './remembered-conversations.js';
import { perInfra } from '../../../shared/per-infra.js';

/** A turn let in and charged, or a retried `client_message_id` whose earlier attempt it joins. */
export type Admission = { joined: false; quota: QuotaSnapshot } | { joined: true; earlier: Message };

export interface TurnAdmission {
  /** The conversation as the owner check read it; rejects (404) when it is not the user's. */
  owned: Promise<TurnConversation>;
  /**
   * The conversation to ask the model from, once it may be asked. At once, the copy this process
   * remembers from an earlier turn (the generation checks it against `owned` before it publishes
   * anything), else the owner check's row: the prompt needs nothing the quota or the claims decide.
   * For a user the quota refused in the last minute, only once the whole admission has passed, so
   * retrying a used-up quota starts no model.
   */
  modelMayStart: Promise<TurnConversation>;
  /** Settles once every check has answered. A refusal reads as the first of 404, 409, 429 that applies. */
  decided: Promise<Admission>;
  /** Gives back what an admitted turn took (the reservation with its per-minute point, the claims). */
  undo(): Promise<void>;
}

const JOIN_POLL_MS = 50;
const REFUSAL_MEMORY_MS = 60_000;
const quotaRefusals = new Set(['quota_exceeded', 'rate_limited']);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Per process: users the quota refused lately. */
const refusalsOf = perInfra(() => new Lru<true>(10_000, REFUSAL_MEMORY_MS));

/**
 * Takes the conversation (and the client message id) for this generation. A conversation busy with
 * another reply is a 409; a client message id held by an earlier attempt is joined once that attempt
 * has stored its message, and is free again if the attempt gave up (quota, conflict). The wait ends
 * well inside the edge's RPC timeout.
 */
async function claimOrJoin(infra: Infra, request: GenerateRequest): Promise<Message | null> {
  const { conversation_id: conversationId, client_message_id: clientMessageId, generation_id: generationId } = request;
  const deadline = Date.now() + infra.config.RPC_TIMEOUT_MS / 2;
  for (;;) {
    const claim = await claimTurn(infra, conversationId, clientMessageId, generationId);
    if (claim.taken) return null;
    if (claim.heldBy === 'conversation') {
      throw new AppError('conflict', 'A reply is still being generated in this conversation', { generation_id: claim.holder });
    }
    const stored = await Message.findOne({ where: { conversation_id: conversationId, client_message_id: clientMessageId } });
    if (stored) return stored;
    if (Date.now() > deadline) throw new AppError('conflict', 'This message is still being sent', { generation_id: claim.holder });
    await sleep(JOIN_POLL_MS);
  }
}

const releaseClaims = (infra: Infra, request: GenerateRequest) =>
  Promise.all([
    releaseConversation(infra, request.conversation_id, request.generation_id),
    request.client_message_id ? releaseClientMessage(infra, request.conversation_id, request.client_message_id, request.generation_id) : null,
  ]);

async function undoAll(infra: Infra, steps: Array<() => Promise<unknown>>, generationId: string): Promise<void> {
  for (const step of steps) {
    await step().catch((undoError: Error) => infra.log.error({ err: undoError.message, generationId }, 'could not undo a refused chat turn'));
  }
}

async function decide(
  infra: Infra,
  request: GenerateRequest,
  checks: { owned: Promise<TurnConversation>; claimed: Promise<Message | null>; reserving: Promise<QuotaSnapshot | null> },
  giveBack: () => Promise<unknown>,
  undo: () => Promise<void>,
): Promise<Admission> {
  const [owned, claimed] = await Promise.allSettled([checks.owned, checks.claimed]);
  if (owned.status === 'rejected' || claimed.status === 'rejected' || claimed.value) {
    if (owned.status === 'rejected' && claimed.status === 'fulfilled' && claimed.value === null) await releaseClaims(infra, request);
    await undoAll(infra, [giveBack], request.generation_id);
    if (owned.status === 'rejected') throw owned.reason;
    if (claimed.status === 'rejected') throw claimed.reason;
    return { joined: true, earlier: claimed.value! };
  }
  try {
    if (owned.value.status === 'ended') throw new AppError('conflict', 'This conversation has ended');
    await ensureRestored(infra, owned.value);
    return { joined: false, quota: (await checks.reserving)! };
  } catch (error) {
    await undo();
    throw error;
  }
}

/**
 * Lets a chat turn in: the owner check at once with the claims (client message id, one generation
 * per conversation), and the quota reservation as soon as the claims are taken. A retry that joins
 * an earlier attempt, or a turn refused with 409, so never holds a reservation, not even for a
 * moment in which the attempt it races could be told the quota is used up. Every step that fails
 * gives back what the others took, so a refused turn is never charged.
 */
export function admitTurn(infra: Infra, request: GenerateRequest): TurnAdmission {
  const owned = ownedTurnConversation(infra, request.user_id, request.conversation_id);
  owned.then((row) => rememberConversation(infra, row), () => undefined);
  const claimed = claimOrJoin(infra, request);
  const reserving = claimed.then((earlier) => (earlier ? null : reserveMessage(infra, request.user_id, request.generation_id)));
  reserving.catch(() => undefined);
  const giveBack = () =>
    reserving.then((reserved) => reserved && refundMessage(infra, request.user_id, request.generation_id), () => undefined);
  const undo = () => undoAll(infra, [() => releaseClaims(infra, request), giveBack], request.generation_id);
  const decided = decide(infra, request, { owned, claimed, reserving }, giveBack, undo);
  const refusals = refusalsOf(infra);
  decided.catch((error: unknown) => {
    if (error instanceof AppError && quotaRefusals.has(error.code)) refusals.set(request.user_id, true);
  });
  if (refusals.get(request.user_id)) return { owned, modelMayStart: decided.then(() => owned), decided, undo };
  const remembered = rememberedConversation(infra, request.conversation_id, request.user_id);
  return { owned, modelMayStart: remembered ? Promise.resolve(remembered) : owned, decided, undo };
}
