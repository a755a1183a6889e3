import { UniqueConstraintError } from 'sequelize';
import { WebhookEvent } from '../db/models/index.js';
import type { Infra } from '../infra.js';
import { inBillingTransaction } from './billing-transaction.js';
import { webhookEvent } from './entities.js';
import { recordPayment } from './payments.js';
import { applySubscriptionSnapshot } from './subscription-store.js';

export type WebhookOutcome = 'applied' | 'duplicate' | 'ignored';

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
};

/**
 * Stores a verified Razorpay event and applies it in the same transaction. The event id is the
 * primary key of webhook_events, so a redelivery — also one long after JetStream's dedup window —
 * finds it there and changes nothing. Events Saathi does not act on are stored and `ignored`.
 */
export async function recordAndApplyWebhook(infra: Infra, eventId: string, rawBody: string): Promise<WebhookOutcome> {
  const json = parseJson(rawBody);
  const parsed = webhookEvent.safeParse(json);
  return inBillingTransaction(infra, async (transaction, touch) => {
    try {
      await WebhookEvent.create(
        {
          id: eventId,
          event: parsed.success ? parsed.data.event : 'unreadable',
          payload: (json ?? { raw: rawBody }) as Record<string, unknown>,
          event_created_at: parsed.success ? parsed.data.created_at : 0,
          processed_at: infra.clock.now(),
        },
        { transaction },
      );
    } catch (error) {
      if (error instanceof UniqueConstraintError) return 'duplicate';
      throw error;
    }
    if (!parsed.success) {
      infra.log.warn({ event_id: eventId, issues: parsed.error.issues.slice(0, 5) }, 'razorpay event not understood; stored only');
      return 'ignored';
    }
    const { event, created_at: at, payload } = parsed.data;
    const subscriptionEntity = payload.subscription?.entity;
    const paymentEntity = payload.payment?.entity;
    const subscription = subscriptionEntity ? await applySubscriptionSnapshot(infra, subscriptionEntity, at, transaction) : null;
    touch(subscription?.user_id);
    if (paymentEntity) await recordPayment(paymentEntity, subscription, at, transaction);
    infra.log.info({ event_id: eventId, event, subscription_id: subscription?.id }, 'razorpay event applied');
    return subscriptionEntity || paymentEntity ? 'applied' : 'ignored';
  });
}
