import { z } from 'zod';
import { defineHandler } from '../runtime.js';
import { planOf } from './plan.js';
import { quotaState } from './state.js';

/**
 * Gives back the message of a turn that was refused or failed before replying, and its point of the
 * per-minute rate with it: such a turn costs the user nothing. A second refund changes nothing.
 */
export const refund = defineHandler({
  subject: (subjects) => subjects.quota.refund,
  schema: z.object({ user_id: z.string().min(1), reservation_id: z.string().min(1).max(64) }),
  handle: async ({ user_id: userId, reservation_id: reservationId }, infra) => {
    const { ledger, chatRate } = quotaState(infra);
    const refunded = await ledger.refund(userId, reservationId, infra.clock.now());
    if (refunded) await chatRate[await planOf(infra, userId)].giveBack(userId);
    return { refunded };
  },
});
