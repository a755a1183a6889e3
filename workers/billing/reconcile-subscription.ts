import { z } from 'zod';
import { refreshSubscriptionFromRazorpay } from '../../shared/billing/reconcile.js';
import { defineHandler } from '../runtime.js';

/** Brings a subscription whose webhooks stopped in line with what Razorpay's API says now. */
export const reconcileSubscription = defineHandler({
  subject: (subjects) => subjects.billing.reconcileSubscription,
  schema: z.object({ subscription_id: z.string().min(1).max(64) }),
  async handle({ subscription_id: subscriptionId }, infra) {
    const stored = await refreshSubscriptionFromRazorpay(infra, subscriptionId);
    return { status: stored.status, current_period_end: stored.current_end?.toISOString() ?? null };
  },
});
