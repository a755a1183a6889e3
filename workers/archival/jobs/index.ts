import type { JobName } from '../../../shared/jobs.js';
import { analyticsJob } from './analytics.js';
import { archivalJob } from './archival.js';
import { erasureJob } from './erasure.js';
import type { JobDefinition } from './job.js';
import { subscriptionExpiryJob } from './subscription-expiry.js';
import { usageCloseJob } from './usage-close.js';

export const jobs: Record<JobName, JobDefinition> = {
  usage_close: usageCloseJob,
  subscription_expiry: subscriptionExpiryJob,
  analytics: analyticsJob,
  archival: archivalJob,
  erasure: erasureJob,
};
