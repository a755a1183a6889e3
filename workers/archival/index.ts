import { Worker, type Job } from 'bullmq';
import type { Infra } from '../../shared/infra.js';
import { bullPrefix, createJobsQueue, isJobName, JOB_TIME_ZONE, JOBS_QUEUE, queueConnection } from '../../shared/jobs.js';
import { jobDuration, jobRuns } from '../../shared/metrics.js';
import type { Pool } from '../runtime.js';
import { jobs } from './jobs/index.js';

async function runJob(infra: Infra, job: Job): Promise<Record<string, unknown>> {
  if (!isJobName(job.name)) throw new Error(`unknown job ${job.name}`);
  const stopTimer = jobDuration.startTimer({ job: job.name });
  try {
    const result = await jobs[job.name].run(infra, (job.data ?? {}) as Record<string, unknown>);
    jobRuns.inc({ job: job.name, outcome: 'completed' });
    infra.log.info({ job: job.name, job_id: job.id, result }, 'job completed');
    return result;
  } catch (error) {
    jobRuns.inc({ job: job.name, outcome: 'failed' });
    infra.log.error({ err: error, job: job.name, job_id: job.id, attempt: job.attemptsMade + 1 }, 'job failed');
    throw error;
  } finally {
    stopTimer();
  }
}

/**
 * The archival pool runs the background jobs from one BullMQ queue. Schedulers are upserted by id,
 * so any number of archival workers share one schedule and each slot becomes exactly one job.
 */
export const archivalPool: Pool = {
  name: 'archival',
  handlers: [],
  start: async (infra) => {
    const queue = createJobsQueue(infra.config);
    for (const job of Object.values(jobs)) {
      await queue.upsertJobScheduler(job.name, { pattern: job.schedule, tz: JOB_TIME_ZONE }, { name: job.name, data: {} });
    }
    const worker = new Worker(JOBS_QUEUE, (job) => runJob(infra, job), {
      connection: queueConnection(infra.config, 'saathi-jobs-worker'),
      prefix: bullPrefix(infra.config),
      concurrency: 1,
    });
    worker.on('error', (error) => infra.log.warn({ err: error }, 'job worker error'));
    return async () => {
      await worker.close();
      await queue.close();
    };
  },
};
