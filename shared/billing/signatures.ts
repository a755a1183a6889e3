import { createHmac, timingSafeEqual } from 'node:crypto';

const HEX_SHA256 = /^[0-9a-f]{64}$/i;

export const hmacSha256Hex = (secret: string, payload: string | Buffer): string =>
  createHmac('sha256', secret).update(payload).digest('hex');

/** Constant-time comparison of a claimed hex HMAC with the one we compute; malformed claims fail. */
export function hmacMatches(secret: string, payload: string | Buffer, claimed: string | undefined): boolean {
  if (!claimed || !HEX_SHA256.test(claimed)) return false;
  const expected = Buffer.from(hmacSha256Hex(secret, payload), 'hex');
  return timingSafeEqual(expected, Buffer.from(claimed, 'hex'));
}

/** Razorpay Checkout's proof of a subscription payment: HMAC(key_secret, `payment_id|subscription_id`). */
export const checkoutSignatureMatches = (keySecret: string, paymentId: string, subscriptionId: string, signature: string) =>
  hmacMatches(keySecret, `${paymentId}|${subscriptionId}`, signature);

/** A webhook's `X-Razorpay-Signature`: HMAC(webhook_secret, exact raw body bytes). */
export const webhookSignatureMatches = (webhookSecret: string, rawBody: Buffer, signature: string | undefined) =>
  hmacMatches(webhookSecret, rawBody, signature);
