import { z } from 'zod';
import { defineHandler } from '../runtime.js';
import { quotaState } from './state.js';

/** Gives back the message of a generation that failed before replying; a second refund changes nothing. */
export const refund = defineHandler({
  subject: (subjects) => subjects.quota.refund,
  schema: z.object({ user_id: z.string().min(1), reservation_id: z.string().min(1).max(64) }),
  handle: async ({ user_id: userId, reservation_id: reservationId }, infra) => ({
    refunded: await quotaState(infra).ledger.refund(userId, reservationId),
  }),
});
