import { istDate } from '../../../shared/clock.js';
import { flushUsage } from '../../../shared/usage/flush.js';
import type { JobDefinition } from './job.js';

/**
 * Just after IST midnight: moves the closed day's Redis usage counters into `usage_daily`. The quota
 * itself needs no reset — its keys carry the IST date and expire on their own.
 */
export const usageCloseJob: JobDefinition = {
  name: 'usage_close',
  schedule: '5 0 * * *',
  run: async (infra) => ({ closed_through: istDate(infra.clock.now()), user_days_flushed: await flushUsage(infra) }),
};
