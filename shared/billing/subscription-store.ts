import type { Transaction } from 'sequelize';
import { Payment, Subscription } from '../db/models/index.js';
import type { Infra } from '../infra.js';
import { userIdFromNotes, type SubscriptionEntity } from './entities.js';
import { planIdForRazorpayPlan } from './plans.js';
import { stateFromEntity, supersedes } from './subscription-state.js';

export interface SnapshotOptions {
  /** The owner we know of (the user who subscribed), for when Razorpay's notes do not say. */
  user_id?: string;
  /** Set when we asked Razorpay to cancel at the end of the period (it keeps the status `active`). */
  cancel_at_period_end?: boolean;
}

/**
 * Stores what Razorpay says a subscription looks like at `at` (unix seconds: a webhook's
 * `created_at`, or the moment we fetched it). Locks the row; an older snapshot than the stored one
 * changes nothing, so out-of-order and repeated deliveries converge on the latest state.
 */
export async function applySubscriptionSnapshot(
  infra: Infra,
  entity: SubscriptionEntity,
  at: number,
  transaction: Transaction,
  options: SnapshotOptions = {},
): Promise<Subscription> {
  const lock = { transaction, lock: transaction.LOCK.UPDATE };
  let row = await Subscription.findByPk(entity.id, lock);
  if (!row) {
    const razorpayPlanId = entity.plan_id ?? '';
    await Subscription.bulkCreate(
      [{
        id: entity.id,
        user_id: options.user_id ?? userIdFromNotes(entity.notes),
        plan_id: planIdForRazorpayPlan(infra.config, razorpayPlanId) ?? razorpayPlanId.slice(0, 40),
        razorpay_plan_id: razorpayPlanId,
        status: entity.status,
      }],
      { transaction, ignoreDuplicates: true },
    );
    row = await Subscription.findByPk(entity.id, { ...lock, rejectOnEmpty: true });
  }
  const update: Partial<Subscription> = {};
  if (supersedes(row, entity.status, at)) Object.assign(update, stateFromEntity(entity, at));
  if (!row.user_id) {
    const userId = options.user_id ?? userIdFromNotes(entity.notes);
    if (userId) {
      update.user_id = userId;
      // Payments that arrived before we knew whose subscription this is belong to that user too.
      await Payment.update({ user_id: userId }, { where: { subscription_id: row.id, user_id: null }, transaction });
    }
  }
  if (options.cancel_at_period_end !== undefined) update.cancel_at_period_end = options.cancel_at_period_end;
  if (Object.keys(update).length > 0) await row.update(update, { transaction });
  return row;
}
