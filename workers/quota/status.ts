import { z } from 'zod';
import { dailyLimit, quotaSnapshot } from '../../shared/quota/limits.js';
import { defineHandler } from '../runtime.js';
import { planOf } from './plan.js';
import { quotaState } from './state.js';

/** Today's quota of a user without charging anything (the `quota` block of GET /v1/me). */
export const status = defineHandler({
  subject: (subjects) => subjects.quota.status,
  schema: z.object({ user_id: z.string().min(1) }),
  handle: async ({ user_id: userId }, infra) => {
    const now = infra.clock.now();
    const plan = await planOf(infra, userId);
    return quotaSnapshot(plan, dailyLimit(infra.config, plan), await quotaState(infra).ledger.used(userId, now), now);
  },
});
