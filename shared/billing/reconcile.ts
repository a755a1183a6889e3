import { Op } from 'sequelize';
import { Subscription } from '../db/models/index.js';
import { AppError } from '../errors.js';
import type { Infra } from '../infra.js';
import { inBillingTransaction } from './billing-transaction.js';
import { subscriptionEntity } from './entities.js';
import { createRazorpay, razorpayCall } from './razorpay-client.js';
import { applySubscriptionSnapshot, type SnapshotOptions } from './subscription-store.js';

/**
 * Fetches a subscription from Razorpay and stores it as of now, re-deriving its owner's plan in the
 * same transaction. Used after checkout and for subscriptions whose webhooks stopped coming.
 */
export async function refreshSubscriptionFromRazorpay(infra: Infra, subscriptionId: string, options: SnapshotOptions = {}): Promise<Subscription> {
  const razorpay = createRazorpay(infra.config);
  const fetched = await razorpayCall(infra.log, 'subscriptions.fetch', () => razorpay.subscriptions.fetch(subscriptionId));
  const entity = subscriptionEntity.safeParse(fetched);
  if (!entity.success) throw new AppError('upstream_error', 'The payment provider answered with an unexpected subscription');
  const fetchedAt = Math.floor(infra.clock.now().getTime() / 1000);
  return inBillingTransaction(infra, async (transaction, touch) => {
    const stored = await applySubscriptionSnapshot(infra, entity.data, fetchedAt, transaction, options);
    touch(stored.user_id ?? options.user_id);
    return stored;
  });
}

/** Razorpay renews a period within minutes of its end; silence for longer means a missed webhook. */
const RENEWAL_SILENCE_MS = 60 * 60 * 1000;

/** Subscriptions that should have renewed (or ended) by now but were not told so by any webhook. */
export async function staleSubscriptionIds(infra: Infra, limit: number): Promise<string[]> {
  const rows = await Subscription.findAll({
    attributes: ['id'],
    where: {
      status: { [Op.in]: ['authenticated', 'active', 'pending'] },
      current_end: { [Op.lt]: new Date(infra.clock.now().getTime() - RENEWAL_SILENCE_MS) },
    },
    order: [['current_end', 'ASC']],
    limit,
  });
  return rows.map((row) => row.id);
}
