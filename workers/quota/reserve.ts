import { z } from 'zod';
import { dailyLimit, quotaSnapshot, secondsUntil } from '../../shared/quota/limits.js';
import type { QuotaReserveReply } from '../../shared/subjects.js';
import { defineHandler } from '../runtime.js';
import { planOf } from './plan.js';
import { quotaState } from './state.js';

/**
 * Charges one chat message: the per-minute rate first, then the daily quota in one atomic step.
 * A rate-limited request is not charged a message; a denied one is charged nothing.
 */
export const reserve = defineHandler({
  subject: (subjects) => subjects.quota.reserve,
  schema: z.object({ user_id: z.string().min(1), reservation_id: z.string().min(1).max(64) }),
  handle: async ({ user_id: userId, reservation_id: reservationId }, infra): Promise<QuotaReserveReply> => {
    const now = infra.clock.now();
    const plan = await planOf(infra, userId);
    const limit = dailyLimit(infra.config, plan);
    const { ledger, chatRate } = quotaState(infra);

    const rate = await chatRate[plan].consume(userId);
    if (!rate.allowed) {
      const snapshot = quotaSnapshot(plan, limit, await ledger.used(userId, now), now);
      return { allowed: false, reason: 'rate_limited', retry_after_s: rate.retryAfterS, ...snapshot };
    }

    const answer = await ledger.reserve(userId, reservationId, limit, now);
    const snapshot = quotaSnapshot(plan, limit, answer.used, now);
    if (answer.allowed) return { allowed: true, ...snapshot };
    return { allowed: false, reason: 'quota_exceeded', retry_after_s: secondsUntil(new Date(snapshot.resets_at), now), ...snapshot };
  },
});
