import { Op } from 'sequelize';
import { z } from 'zod';
import { inBillingTransaction } from '../../shared/billing/billing-transaction.js';
import { subscriptionEntity } from '../../shared/billing/entities.js';
import { findPlan } from '../../shared/billing/plans.js';
import { createRazorpay, razorpayCall } from '../../shared/billing/razorpay-client.js';
import { applySubscriptionSnapshot } from '../../shared/billing/subscription-store.js';
import { CANCELLABLE_STATES } from '../../shared/billing/subscription-view.js';
import { Subscription } from '../../shared/db/models/index.js';
import { AppError } from '../../shared/errors.js';
import { defineHandler } from '../runtime.js';

/**
 * Creates a Razorpay subscription for a plan, with our user id in its notes so every later webhook
 * can be tied back to the user, and stores it as `created` until checkout completes.
 */
export const createSubscription = defineHandler({
  subject: (subjects) => subjects.billing.createSubscription,
  schema: z.object({ user_id: z.string().min(1), plan_id: z.string().min(1) }),
  async handle({ user_id: userId, plan_id: planId }, infra) {
    const plan = findPlan(infra.config, planId);
    if (!plan) {
      throw new AppError('validation_failed', 'There is no such plan', { issues: [{ path: 'plan_id', message: 'unknown plan' }] });
    }
    if (!plan.razorpay_plan_id) throw new AppError('unavailable', 'This plan is not on sale on this server yet');
    const running = await Subscription.findOne({
      where: { user_id: userId, status: { [Op.in]: CANCELLABLE_STATES }, cancel_at_period_end: false },
      attributes: ['id', 'status'],
    });
    if (running) {
      throw new AppError('conflict', 'You already have a running subscription', { subscription_id: running.id, status: running.status });
    }

    const razorpay = createRazorpay(infra.config);
    const razorpayPlanId = plan.razorpay_plan_id;
    const created = await razorpayCall(infra.log, 'subscriptions.create', () =>
      razorpay.subscriptions.create({
        plan_id: razorpayPlanId,
        total_count: plan.total_count,
        customer_notify: 1,
        notes: { user_id: userId, plan_id: plan.id },
      }),
    );
    const entity = subscriptionEntity.safeParse(created);
    if (!entity.success) throw new AppError('upstream_error', 'The payment provider answered with an unexpected subscription');
    const at = entity.data.created_at ?? Math.floor(infra.clock.now().getTime() / 1000);
    const stored = await inBillingTransaction(infra, (transaction) =>
      applySubscriptionSnapshot(infra, entity.data, at, transaction, { user_id: userId }),
    );
    infra.log.info({ user_id: userId, subscription_id: stored.id, plan_id: plan.id }, 'subscription created');
    return {
      subscription_id: stored.id,
      razorpay_key_id: infra.config.RAZORPAY_KEY_ID ?? '',
      status: stored.status,
      short_url: stored.short_url ?? null,
    };
  },
});
