import { Op } from 'sequelize';
import { Subscription } from '../db/models/index.js';
import { currentPlan } from '../domain/plan.js';
import type { Infra } from '../infra.js';
import type { SubscriptionView } from '../subjects.js';
import { proWindow } from './plan-resolution.js';

/** States a user can still cancel: anything Razorpay may yet charge. */
export const CANCELLABLE_STATES = ['authenticated', 'active', 'pending', 'halted', 'paused'];

/**
 * The subscription that speaks for a user: the one granting Pro the longest, else the latest one
 * past checkout. A subscription created but never paid for is nobody's current subscription.
 */
export async function currentSubscription(infra: Infra, userId: string): Promise<Subscription | null> {
  const subscriptions = await Subscription.findAll({
    where: { user_id: userId, status: { [Op.ne]: 'created' } },
    order: [['created_at', 'DESC']],
  });
  const now = infra.clock.now().getTime();
  const proUntil = (subscription: Subscription): number => {
    const window = proWindow(subscription, infra.config.PRO_GRACE_DAYS);
    if (!window) return -1;
    if (window.renews) return Number.POSITIVE_INFINITY;
    const end = window.paid_through?.getTime() ?? -1;
    return end > now ? end : -1;
  };
  const granting = subscriptions.filter((subscription) => proUntil(subscription) > 0);
  granting.sort((a, b) => proUntil(b) - proUntil(a));
  return granting[0] ?? subscriptions[0] ?? null;
}

export async function presentSubscription(infra: Infra, userId: string, subscription: Subscription | null): Promise<SubscriptionView> {
  return {
    plan: await currentPlan(infra, userId),
    status: subscription?.status ?? 'none',
    current_period_end: subscription?.current_end?.toISOString() ?? null,
    cancel_at_period_end: subscription?.cancel_at_period_end ?? false,
  };
}

export async function subscriptionView(infra: Infra, userId: string): Promise<SubscriptionView> {
  return presentSubscription(infra, userId, await currentSubscription(infra, userId));
}
