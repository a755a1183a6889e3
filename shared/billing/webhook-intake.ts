import { createHash } from 'node:crypto';
import { AppError } from '../errors.js';
import type { Infra } from '../infra.js';
import { encodeJson } from '../rpc.js';
import type { RazorpayWebhookEvent } from '../subjects.js';
import { webhookSignatureMatches } from './signatures.js';

/** Razorpay gives up on a delivery after 5 s; the JetStream ack must come back well before. */
const PUBLISH_TIMEOUT_MS = 3500;
const EVENT_ID = /^[A-Za-z0-9_.:-]{1,64}$/;

export interface WebhookReceipt {
  event_id: string;
  /** JetStream already held this event id (a redelivery within its dedup window). */
  duplicate: boolean;
}

/**
 * The dedup key of a delivery: Razorpay's `x-razorpay-event-id`, or — for a sender that omits it —
 * the SHA-256 of the body, which is stable across retries of the same event.
 */
export function webhookEventId(header: string | undefined, rawBody: Buffer): string {
  if (header === undefined || header === '') return createHash('sha256').update(rawBody).digest('hex');
  if (!EVENT_ID.test(header)) throw new AppError('bad_request', 'The x-razorpay-event-id header is malformed');
  return header;
}

/**
 * Checks a webhook's signature on the exact raw bytes (constant time) and hands the event to the
 * billing pool through JetStream. Resolves only once JetStream has acknowledged it, so a 200 means
 * the event is durably stored; anything short of that is an error and Razorpay retries.
 */
export async function acceptRazorpayWebhook(
  infra: Infra,
  rawBody: Buffer | undefined,
  signature: string | undefined,
  eventIdHeader: string | undefined,
): Promise<WebhookReceipt> {
  const secret = infra.config.RAZORPAY_WEBHOOK_SECRET;
  if (!secret) {
    infra.log.error('a Razorpay webhook arrived but RAZORPAY_WEBHOOK_SECRET is not set');
    throw new AppError('unavailable', 'Webhooks are not configured on this server');
  }
  const body = rawBody ?? Buffer.alloc(0);
  if (!webhookSignatureMatches(secret, body, signature)) {
    throw new AppError('invalid_signature', 'The X-Razorpay-Signature does not match the body');
  }
  if (body.length === 0) throw new AppError('bad_request', 'The webhook has no body');
  const eventId = webhookEventId(eventIdHeader, body);
  const event: RazorpayWebhookEvent = { event_id: eventId, body: body.toString('utf8') };
  try {
    const ack = await infra.js.publish(infra.subjects.billing.razorpayWebhook.subject, encodeJson(event), {
      msgID: eventId,
      timeout: PUBLISH_TIMEOUT_MS,
    });
    return { event_id: eventId, duplicate: ack.duplicate };
  } catch (error) {
    infra.log.error({ err: error, event_id: eventId }, 'could not store a Razorpay webhook in JetStream');
    throw new AppError('unavailable', 'The event could not be stored; retry later');
  }
}
