import { NoRespondersError, RequestError, TimeoutError, type NatsConnection } from '@nats-io/transport-node';
import { AppError } from './errors.js';
import type { ReplyOf, RequestOf, RpcEnvelope, RpcSubject } from './subjects.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export const encodeJson = (value: unknown): Uint8Array => encoder.encode(JSON.stringify(value));
export const decodeJson = <T>(data: Uint8Array): T => JSON.parse(decoder.decode(data)) as T;

const isNoResponders = (error: unknown): boolean =>
  error instanceof NoRespondersError || (error instanceof RequestError && error.isNoResponders());

/**
 * Calls a worker subject and rebuilds its error at the caller. Nobody listening and no answer in
 * time both mean the pool is down: `unavailable`, never a hung request.
 */
export async function callWorker<S extends RpcSubject<unknown, unknown>>(
  nc: NatsConnection,
  subject: S,
  request: RequestOf<S>,
  timeoutMs: number,
): Promise<ReplyOf<S>> {
  let envelope: RpcEnvelope<ReplyOf<S>>;
  try {
    const reply = await nc.request(subject.subject, encodeJson(request), { timeout: timeoutMs });
    envelope = decodeJson(reply.data);
  } catch (error) {
    if (isNoResponders(error) || error instanceof TimeoutError || (error as Error)?.cause instanceof TimeoutError) {
      throw new AppError('unavailable', 'A backend service is not answering; try again shortly');
    }
    throw error;
  }
  if (!envelope.ok) throw AppError.fromBody(envelope.error, envelope.headers);
  return envelope.data;
}
