import { z } from 'zod';

const razorpayId = z.string().trim().min(1).max(64);

export const planSchema = z.object({
  id: z.string(),
  name: z.string(),
  amount_paise: z.number().int().describe('Whole paise (₹1 = 100 paise)'),
  currency: z.literal('INR'),
  interval: z.enum(['monthly', 'yearly']),
  features: z.array(z.string()),
});
export const planListSchema = z.object({ items: z.array(planSchema) });

export const createSubscriptionBody = z.strictObject({ plan_id: z.string().trim().min(1).max(40) });
export const createdSubscriptionSchema = z.object({
  subscription_id: z.string().describe('Razorpay subscription id, for Razorpay Checkout'),
  razorpay_key_id: z.string(),
  status: z.string(),
  short_url: z.string().nullable().describe('Razorpay-hosted payment page, when Razorpay gives one'),
});

export const verifyCheckoutBody = z.strictObject({
  razorpay_payment_id: razorpayId,
  razorpay_subscription_id: razorpayId,
  razorpay_signature: z.string().trim().min(1).max(200),
});
export const verifiedCheckoutSchema = z.object({
  status: z.string(),
  plan: z.enum(['free', 'pro']),
  current_period_end: z.string().nullable(),
});

export const cancelSubscriptionBody = z.strictObject({
  at_period_end: z.boolean().default(true).describe('true: Pro stays until the paid period ends; false: ends now'),
});
export const subscriptionViewSchema = z.object({
  plan: z.enum(['free', 'pro']),
  status: z.string().describe('Razorpay status (created, authenticated, active, pending, halted, cancelled, completed, expired, paused), or "none"'),
  current_period_end: z.string().nullable(),
  cancel_at_period_end: z.boolean(),
});

export const webhookReceiptSchema = z.object({
  status: z.literal('received'),
  event_id: z.string(),
  duplicate: z.boolean().describe('The event id was already received; nothing will change'),
});
