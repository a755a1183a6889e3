import { Op } from 'sequelize';
import { z } from 'zod';
import { inBillingTransaction } from '../../shared/billing/billing-transaction.js';
import { subscriptionEntity } from '../../shared/billing/entities.js';
import { createRazorpay, razorpayCall } from '../../shared/billing/razorpay-client.js';
import { applySubscriptionSnapshot } from '../../shared/billing/subscription-store.js';
import { CANCELLABLE_STATES, presentSubscription } from '../../shared/billing/subscription-view.js';
import { Subscription } from '../../shared/db/models/index.js';
import { AppError, notFound } from '../../shared/errors.js';
import { defineHandler } from '../runtime.js';

/**
 * Cancels the user's running subscription at Razorpay, at the end of the paid period (Pro stays
 * until then) or at once (Pro ends now). Asking again for a period-end cancel changes nothing.
 */
export const cancelSubscription = defineHandler({
  subject: (subjects) => subjects.billing.cancelSubscription,
  schema: z.object({ user_id: z.string().min(1), at_period_end: z.boolean() }),
  async handle({ user_id: userId, at_period_end: atPeriodEnd }, infra) {
    const target = await Subscription.findOne({
      where: { user_id: userId, status: { [Op.in]: CANCELLABLE_STATES } },
      order: [['cancel_at_period_end', 'ASC'], ['created_at', 'DESC']],
    });
    if (!target) throw notFound('subscription');
    if (target.cancel_at_period_end && atPeriodEnd) return presentSubscription(infra, userId, target);

    const razorpay = createRazorpay(infra.config);
    const cancelled = await razorpayCall(infra.log, 'subscriptions.cancel', () => razorpay.subscriptions.cancel(target.id, atPeriodEnd));
    const entity = subscriptionEntity.safeParse(cancelled);
    if (!entity.success) throw new AppError('upstream_error', 'The payment provider answered with an unexpected subscription');
    const at = Math.floor(infra.clock.now().getTime() / 1000);
    const stored = await inBillingTransaction(infra, async (transaction, touch) => {
      touch(userId);
      return applySubscriptionSnapshot(infra, entity.data, at, transaction, { cancel_at_period_end: atPeriodEnd });
    });
    infra.log.info({ user_id: userId, subscription_id: stored.id, at_period_end: atPeriodEnd }, 'subscription cancelled');
    return presentSubscription(infra, userId, stored);
  },
});
