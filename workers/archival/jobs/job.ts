import type { Infra } from '../../../shared/infra.js';
import type { JobName } from '../../../shared/jobs.js';

/**
 * A background job: when it runs on its own (cron in Asia/Kolkata) and what it does. Every run must
 * be idempotent — safe twice, safe after a missed day — because retries and manual runs happen.
 */
export interface JobDefinition {
  name: JobName;
  schedule: string;
  run: (infra: Infra, data: Record<string, unknown>) => Promise<Record<string, unknown>>;
}
