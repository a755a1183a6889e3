import type { Subscription } from '@nats-io/transport-node';
import { failGeneration } from '../../shared/chat/finalize.js';
import { SILENCE_MS } from '../../shared/chat/liveness.js';
import { messageView } from '../../shared/chat/views.js';
import { Conversation, Message } from '../../shared/db/models/index.js';
import type { Infra } from '../../shared/infra.js';
import { quotaStatus } from '../../shared/quota/client.js';
import { decodeJson } from '../../shared/rpc.js';
import type { GenerationEvent, MessageView, QuotaSnapshot, TokenUsage } from '../../shared/subjects.js';

/** What a client sees of a generation: API.md's SSE events after `ack`. */
export type RelayEvent =
  | { event: 'token'; id: number; data: { delta: string } }
  | { event: 'done'; data: { assistant_message: MessageView; usage: TokenUsage; quota: Pick<QuotaSnapshot, 'remaining' | 'resets_at'> } }
  | { event: 'error'; data: { code: string; message: string } };

const SILENT = Symbol('silent');
const CLOSED = Symbol('closed');

/** A generation's events as they arrive, from JetStream (replay, then live) or a core subscription (live). */
interface EventSource {
  iterator: AsyncIterator<{ data: Uint8Array }>;
  close: () => void;
}

type Next = IteratorResult<{ data: Uint8Array }>;

/** The next message, or SILENT after `ms` without one, or CLOSED once the client has gone. */
function nextWithin(pending: Promise<Next>, ms: number, signal: AbortSignal) {
  return new Promise<Next | typeof SILENT | typeof CLOSED>((resolve, reject) => {
    const onAbort = () => finish(CLOSED);
    const timer = setTimeout(() => finish(SILENT), ms);
    function finish(value: Next | typeof SILENT | typeof CLOSED) {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve(value);
    }
    if (signal.aborted) return finish(CLOSED);
    signal.addEventListener('abort', onAbort, { once: true });
    pending.then(finish, (error) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      reject(error);
    });
  });
}

/**
 * The end of a generation whose stream went quiet: a reply still `generating` belongs to a dead
 * worker (failed here, refunded, not charged); a finished one whose events have expired is told
 * from MySQL.
 */
async function endFromStore(infra: Infra, generationId: string): Promise<RelayEvent> {
  const interrupted = 'The reply was interrupted; you were not charged. Please try again.';
  if (await failGeneration(infra, generationId, 'unavailable', interrupted)) {
    return { event: 'error', data: { code: 'unavailable', message: interrupted } };
  }
  const reply = await Message.findOne({ where: { generation_id: generationId, role: 'assistant' } });
  if (!reply || reply.status === 'failed' || reply.status === 'generating') {
    return { event: 'error', data: { code: 'upstream_error', message: 'The reply could not be generated; you were not charged' } };
  }
  const conversation = await Conversation.findByPk(reply.conversation_id, { attributes: ['user_id'] });
  const quota = conversation ? await quotaStatus(infra, conversation.user_id).catch(() => null) : null;
  const view = messageView(reply);
  return {
    event: 'done',
    data: {
      assistant_message: view,
      usage: view.usage ?? { prompt_tokens: 0, completion_tokens: 0 },
      quota: { remaining: quota?.remaining ?? 0, resets_at: quota?.resets_at ?? '' },
    },
  };
}

function toRelayEvent(event: GenerationEvent, afterSeq: number): RelayEvent | null {
  switch (event.type) {
    case 'token':
      return event.seq > afterSeq ? { event: 'token', id: event.seq, data: { delta: event.delta } } : null;
    case 'done':
      return { event: 'done', data: { assistant_message: event.assistant_message, usage: event.usage, quota: event.quota } };
    case 'error':
      return { event: 'error', data: { code: event.code, message: event.message } };
    default:
      return null;
  }
}

/** How long a history read may wait for JetStream before the relay treats the stream as silent. */
const HISTORY_WAIT_MS = 2000;

/** The generation's events stored so far, read once through a short-lived ordered consumer. */
async function storedEvents(infra: Infra, generationId: string): Promise<Array<{ data: Uint8Array }>> {
  const consumer = await infra.js.consumers.get(infra.subjects.streams.generations.name, {
    // A single subject as a string: servers before 2.10 (Debian's 2.9) know only `filter_subject`.
    filter_subjects: infra.subjects.generation.events(generationId).subject,
  });
  const pending = (await consumer.info(true)).num_pending;
  if (pending === 0) return [];
  const events: Array<{ data: Uint8Array }> = [];
  for await (const message of await consumer.fetch({ max_messages: pending, expires: HISTORY_WAIT_MS })) {
    events.push({ data: message.data });
    if (events.length >= pending) break;
  }
  return events;
}

/** Token events already delivered from the history come again on the live subscription; only newer ones pass. */
async function* historyThenLive(history: Array<{ data: Uint8Array }>, live: Subscription): AsyncGenerator<{ data: Uint8Array }> {
  let lastSeq = 0;
  for (const event of history) {
    const decoded = decodeJson<GenerationEvent>(event.data);
    if (decoded.type === 'token') lastSeq = Math.max(lastSeq, decoded.seq);
    yield event;
  }
  for await (const message of live) {
    const decoded = decodeJson<GenerationEvent>(message.data);
    if (decoded.type === 'token' && decoded.seq <= lastSeq) continue;
    yield message;
  }
}

/**
 * For a resume: subscribe first (nothing published from now on can be missed), read what JetStream
 * stored so far, then follow the subscription. No JetStream consumer outlives the read, so an idle
 * resumed stream costs the edge a subscription, not a consumer.
 */
async function replaySource(infra: Infra, generationId: string): Promise<EventSource> {
  const live = infra.nc.subscribe(infra.subjects.generation.events(generationId).subject);
  try {
    const history = await storedEvents(infra, generationId);
    return { iterator: historyThenLive(history, live), close: () => live.unsubscribe() };
  } catch (error) {
    live.unsubscribe();
    throw error;
  }
}

const liveSource = (subscription: Subscription): EventSource => ({
  iterator: subscription[Symbol.asyncIterator](),
  close: () => subscription.unsubscribe(),
});

/**
 * Relays a generation until `done` or `error`: from a live subscription opened before the turn
 * started when there is one, else replayed from JetStream (tokens after `afterSeq` reach the
 * client). Silence past SILENCE_MS means the worker died. Stops early, leaving the generation
 * running, when `signal` aborts (the client left).
 */
export async function relayGeneration(
  infra: Infra,
  generationId: string,
  afterSeq: number,
  emit: (event: RelayEvent) => void,
  signal: AbortSignal,
  live?: Subscription,
): Promise<RelayEvent | null> {
  const source = live ? liveSource(live) : await replaySource(infra, generationId);
  const { iterator } = source;
  try {
    let pending = iterator.next();
    for (;;) {
      const result = await nextWithin(pending, SILENCE_MS, signal);
      if (result === CLOSED) return null;
      if (result === SILENT || result.done) {
        const ending = await endFromStore(infra, generationId);
        emit(ending);
        return ending;
      }
      pending = iterator.next();
      const event = toRelayEvent(decodeJson<GenerationEvent>(result.value.data), afterSeq);
      if (!event) continue;
      emit(event);
      if (event.event !== 'token') return event;
    }
  } finally {
    source.close();
  }
}
