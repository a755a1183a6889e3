import type { Transaction } from 'sequelize';
import { Payment, type Subscription } from '../db/models/index.js';
import { userIdFromNotes, type PaymentEntity } from './entities.js';

/** A payment only moves forward (a late `authorized` never undoes `captured`). */
const paymentRank: Record<string, number> = { created: 0, authorized: 1, failed: 2, captured: 3, refunded: 4 };
const rankOf = (status: string) => paymentRank[status] ?? 0;

/** Razorpay marks capture both in `status` and in `captured` (which may arrive as `"1"`). */
const statusOf = (entity: PaymentEntity): string =>
  entity.captured && (entity.status === 'authorized' || entity.status === 'created') ? 'captured' : entity.status;

/**
 * Records a payment once per Razorpay payment id (amounts are never added twice), linked to the
 * subscription it paid for and its user when known.
 */
export async function recordPayment(
  entity: PaymentEntity,
  subscription: Subscription | null,
  eventAt: number,
  transaction: Transaction,
): Promise<Payment> {
  const status = statusOf(entity);
  const paidAt = status === 'captured' ? new Date(eventAt * 1000) : null;
  const existing = await Payment.findByPk(entity.id, { transaction, lock: transaction.LOCK.UPDATE });
  if (!existing) {
    return Payment.create(
      {
        id: entity.id,
        subscription_id: subscription?.id ?? entity.subscription_id ?? null,
        user_id: subscription?.user_id ?? userIdFromNotes(entity.notes),
        amount_paise: entity.amount,
        currency: entity.currency,
        method: entity.method ?? null,
        status,
        paid_at: paidAt,
      },
      { transaction },
    );
  }
  if (rankOf(status) > rankOf(existing.status)) {
    await existing.update({ status, ...(paidAt && !existing.paid_at ? { paid_at: paidAt } : {}) }, { transaction });
  }
  return existing;
}
