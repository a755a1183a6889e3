import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { http, type JsonResponse } from './http.js';

/** Webhook bodies are the fixtures of ../shared/fixtures/razorpay with the fields a test cares about replaced. */
const fixtureDir = new URL('../../../shared/fixtures/razorpay/', import.meta.url);
const fixture = (name: string): Record<string, any> => JSON.parse(readFileSync(new URL(name, fixtureDir), 'utf8'));

const fixtureFor: Record<string, string> = {
  'subscription.charged': 'subscription_charged.json',
  'subscription.cancelled': 'subscription_cancelled.json',
};

export interface SubscriptionFields {
  id: string;
  status: string;
  current_start?: number | string | null;
  current_end?: number | string | null;
  notes?: Record<string, string> | [];
  plan_id?: string;
}

export const unix = (at: Date) => Math.floor(at.getTime() / 1000);
export const newEventId = () => `evt_${randomBytes(7).toString('hex')}`;

/** A `subscription.*` event (charged ones carry a payment, as Razorpay sends them). */
export function subscriptionEvent(
  event: string,
  subscription: SubscriptionFields,
  createdAt: number,
  payment?: { id: string; amount: number | string; method: string; captured?: boolean | string },
): string {
  const body = fixture(fixtureFor[event] ?? 'subscription_authenticated.json');
  body.event = event;
  body.created_at = createdAt;
  Object.assign(body.payload.subscription.entity, subscription);
  if (payment) {
    body.contains = ['subscription', 'payment'];
    body.payload.payment ??= fixture('subscription_charged.json').payload.payment;
    Object.assign(body.payload.payment.entity, payment);
  } else {
    delete body.payload.payment;
  }
  return JSON.stringify(body, null, 2);
}

/** A `payment.*` event shaped like payment_captured_upi.json. */
export function paymentEvent(event: string, payment: { id: string; amount: number | string; method: string; status: string; captured?: boolean | string }, createdAt: number): string {
  const body = fixture('payment_captured_upi.json');
  body.event = event;
  body.created_at = createdAt;
  Object.assign(body.payload.payment.entity, payment);
  return JSON.stringify(body, null, 2);
}

export const signWebhook = (body: string | Buffer, secret: string) => createHmac('sha256', secret).update(body).digest('hex');

/** POSTs a webhook the way Razorpay does: raw JSON bytes, signature and event id headers. */
export function deliverWebhook(
  url: string,
  body: string | Buffer,
  options: { secret: string; eventId?: string | null; signature?: string },
): Promise<JsonResponse> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-razorpay-signature': options.signature ?? signWebhook(body, options.secret),
  };
  if (options.eventId !== null) headers['x-razorpay-event-id'] = options.eventId ?? newEventId();
  return http(url, 'POST', '/v1/webhooks/razorpay', { raw: body, headers });
}

/** Polls until `check` holds: webhook events are applied asynchronously by the billing pool. */
export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
