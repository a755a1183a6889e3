import { z } from 'zod';
import { defineHandler } from '../runtime.js';
import { quotaState } from './state.js';

const tokens = z.number().int().min(0).max(10_000_000);

/**
 * Settles a reservation as used: the message and its tokens go to today's usage (flushed to
 * usage_daily within seconds). Once per reservation; a refunded one is not counted.
 */
export const commit = defineHandler({
  subject: (subjects) => subjects.quota.commit,
  schema: z.object({
    user_id: z.string().min(1),
    reservation_id: z.string().min(1).max(64),
    prompt_tokens: tokens,
    completion_tokens: tokens,
  }),
  handle: async ({ user_id: userId, reservation_id: reservationId, prompt_tokens, completion_tokens }, infra) => ({
    committed: await quotaState(infra).ledger.commit(userId, reservationId, { prompt_tokens, completion_tokens }, infra.clock.now()),
  }),
});
