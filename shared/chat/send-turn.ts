import { newId } from '../ids.js';
import type { Infra } from '../infra.js';
import { callWorker } from '../rpc.js';
import type { MessageView, QuotaSnapshot } from '../subjects.js';
import type { Owner } from './conversations.js';
import { watchGeneration, type GenerationWatch } from './generation-feed.js';

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

/**
 * Starts a chat turn: one `chat.generate` to the llm pool, which lets the turn in (quota, owner,
 * claims) while it already asks the model, so nothing of that waits in line before the model.
 * A refusal comes back as the pool's error: the first of 404, 409, 429 that applies, with nothing
 * charged or written.
 */
export async function startTurn(
  infra: Infra,
  owner: Owner,
  conversationId: string,
  input: { content: string; client_message_id?: string },
): Promise<TurnHandle> {
  const generationId = newId();
  const live = watchGeneration(infra, generationId);
  try {
    const accepted = await callWorker(
      infra.nc,
      infra.subjects.chat.generate,
      {
        generation_id: generationId,
        conversation_id: conversationId,
        user_id: owner.user_id,
        user_message_id: newId(),
        plan: owner.plan,
        content: input.content,
        client_message_id: input.client_message_id ?? null,
      },
      infra.config.RPC_TIMEOUT_MS,
    );
    const handle = { generationId: accepted.generation_id, userMessage: accepted.user_message, quota: accepted.quota, joined: accepted.joined };
    if (!accepted.joined) return { ...handle, live };
    live.close();
    return handle;
  } catch (error) {
    live.close();
    throw error;
  }
}
