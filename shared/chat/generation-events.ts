import type { ErrorCode } from '../errors.js';
import type { Infra } from '../infra.js';
import { encodeJson } from '../rpc.js';
import type { GenerationEvent } from '../subjects.js';

/**
 * Appends one event to a generation's JetStream subject (what every edge replays and follows) and
 * waits until JetStream has stored it.
 */
export async function publishGenerationEvent(infra: Infra, generationId: string, event: GenerationEvent): Promise<void> {
  await infra.js.publish(infra.subjects.generation.events(generationId).subject, encodeJson(event));
}

/**
 * Sends one event to a generation's subject without waiting: the stream stores it all the same, in
 * the order of this connection's messages, but a failure to store it goes unheard. For the events
 * an acknowledged one follows.
 */
export function sendGenerationEvent(infra: Infra, generationId: string, event: GenerationEvent): void {
  infra.nc.publish(infra.subjects.generation.events(generationId).subject, encodeJson(event));
}

export const errorEvent = (code: ErrorCode, message: string): GenerationEvent => ({ type: 'error', code, message });
