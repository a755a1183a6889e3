import { z } from 'zod';
import { accountsAwaitingErasure, eraseUserContent } from '../../../shared/users/erasure.js';
import type { JobDefinition } from './job.js';

const SWEEP_BATCH = 100;

const input = z.object({ user_id: z.string().min(1).optional() });

/**
 * Erases the conversations, messages, archives and avatars of a closed account: queued by
 * DELETE /v1/me for that user, and hourly as a sweep of every closed account still holding content.
 */
export const erasureJob: JobDefinition = {
  name: 'erasure',
  schedule: '15 * * * *',
  run: async (infra, data) => {
    const { user_id: userId } = input.parse(data);
    const users = userId ? [userId] : await accountsAwaitingErasure(SWEEP_BATCH);
    let conversations = 0;
    for (const id of users) conversations += (await eraseUserContent(infra, id)).conversations;
    return { accounts: users.length, conversations };
  },
};
