import type { ErrorCode } from '../errors.js';
import type { Infra } from '../infra.js';
import { encodeJson } from '../rpc.js';
import type { GenerationEvent } from '../subjects.js';

/** Appends one event to a generation's JetStream subject (what every edge replays and follows). */
export async function publishGenerationEvent(infra: Infra, generationId: string, event: GenerationEvent): Promise<void> {
  await infra.js.publish(infra.subjects.generation.events(generationId).subject, encodeJson(event));
}

export const errorEvent = (code: ErrorCode, message: string): GenerationEvent => ({ type: 'error', code, message });
