import { z } from 'zod';

/**
 * Razorpay's entities as they really arrive, quirks included: numbers as strings, `notes: []` when
 * empty, `captured` as `"1"`. Parsing is lenient on everything Saathi does not read.
 */

const numeric = z.union([z.number(), z.string().trim().regex(/^-?\d+(\.\d+)?$/).transform(Number)]);
const unixSeconds = numeric.nullish().transform((value) => (value === null || value === undefined ? null : Math.trunc(value)));
const flag = z
  .union([z.boolean(), z.number(), z.string()])
  .nullish()
  .transform((value) => value === true || value === 1 || value === '1' || value === 'true');
/** Free text we store in a bounded column: kept, cut to fit, rather than losing the whole event. */
const clipped = (max: number) => z.string().transform((value) => value.slice(0, max));
const notes = z
  .union([z.record(z.string(), z.unknown()), z.array(z.unknown())])
  .nullish()
  .transform((value): Record<string, unknown> => (value && !Array.isArray(value) ? value : {}));

export const subscriptionEntity = z.looseObject({
  id: z.string().min(1).max(64),
  plan_id: z.string().nullish(),
  status: z.string().min(1).max(20),
  current_start: unixSeconds,
  current_end: unixSeconds,
  ended_at: unixSeconds,
  paid_count: numeric.nullish(),
  short_url: clipped(500).nullish(),
  notes,
  created_at: unixSeconds,
});
export type SubscriptionEntity = z.output<typeof subscriptionEntity>;

export const paymentEntity = z.looseObject({
  id: z.string().min(1).max(64),
  amount: numeric.transform((value) => Math.round(value)),
  currency: z.string().length(3).nullish().transform((value) => (value ?? 'INR').toUpperCase()),
  status: z.string().min(1).max(20),
  method: clipped(30).nullish(),
  captured: flag,
  subscription_id: z.string().nullish(),
  notes,
  created_at: unixSeconds,
});
export type PaymentEntity = z.output<typeof paymentEntity>;

const wrapped = <T extends z.ZodType>(entity: T) => z.looseObject({ entity }).nullish();

export const webhookEvent = z.looseObject({
  event: clipped(60).pipe(z.string().min(1)),
  created_at: numeric.transform((value) => Math.trunc(value)),
  payload: z
    .looseObject({
      subscription: wrapped(subscriptionEntity),
      payment: wrapped(paymentEntity),
    })
    .default({}),
});
export type WebhookEventBody = z.output<typeof webhookEvent>;

/** Our user id travels in `notes.user_id`, set when we create the subscription. */
export const userIdFromNotes = (entityNotes: Record<string, unknown>): string | null => {
  const value = entityNotes.user_id;
  return typeof value === 'string' && /^[0-9a-f-]{36}$/i.test(value) ? value : null;
};
