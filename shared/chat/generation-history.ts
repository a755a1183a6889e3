import type { Infra } from '../infra.js';
import { decodeJson } from '../rpc.js';
import type { GenerationEvent } from '../subjects.js';

/** What a reader of a generation is handed: tokens, then one `done` or `error` (heartbeats only prove it alive). */
export type WatchedEvent = Exclude<GenerationEvent, { type: 'heartbeat' }>;

export const isEnding = (event: WatchedEvent): boolean => event.type !== 'token';

/** How long a history read may wait for JetStream; a generation still quiet after it ends as silence does. */
const HISTORY_WAIT_MS = 2000;

/**
 * The generation's events JetStream stored so far, up to its ending, read once through a short-lived
 * ordered consumer: no consumer outlives the read.
 */
export async function storedEvents(infra: Infra, generationId: string): Promise<WatchedEvent[]> {
  const consumer = await infra.js.consumers.get(infra.subjects.streams.generations.name, {
    // A single subject as a string: servers before 2.10 (Debian's 2.9) know only `filter_subject`.
    filter_subjects: infra.subjects.generation.events(generationId).subject,
  });
  const pending = (await consumer.info(true)).num_pending;
  const events: WatchedEvent[] = [];
  if (pending === 0) return events;
  let read = 0;
  for await (const message of await consumer.fetch({ max_messages: pending, expires: HISTORY_WAIT_MS })) {
    const event = decodeJson<GenerationEvent>(message.data);
    read += 1;
    if (event.type !== 'heartbeat') events.push(event);
    if (read >= pending || event.type === 'done' || event.type === 'error') break;
  }
  return events;
}

/**
 * The stored events followed by the live ones the store did not have yet. A token's seq tells what
 * both saw; an ending in the store is the end.
 */
export function withHistory(stored: WatchedEvent[], live: WatchedEvent[]): WatchedEvent[] {
  const lastStored = stored.at(-1);
  if (lastStored && isEnding(lastStored)) return stored;
  let lastSeq = 0;
  for (const event of stored) if (event.type === 'token') lastSeq = Math.max(lastSeq, event.seq);
  return [...stored, ...live.filter((event) => event.type !== 'token' || event.seq > lastSeq)];
}
