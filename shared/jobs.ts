import { Queue, type ConnectionOptions, type DefaultJobOptions } from 'bullmq';
import type { Config } from './config.js';

/** The background jobs, by the names the admin API uses. */
export const jobNames = ['usage_close', 'subscription_expiry', 'analytics', 'archival', 'erasure'] as const;
export type JobName = (typeof jobNames)[number];

export const isJobName = (value: string): value is JobName => (jobNames as readonly string[]).includes(value);

export const JOB_TIME_ZONE = 'Asia/Kolkata';
export const JOBS_QUEUE = 'jobs';

/** Retries and retention, set once for every job. */
export const jobOptions: DefaultJobOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 30_000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 1000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

/** BullMQ keys live under the deployment's Redis prefix like every other key. */
export const bullPrefix = (config: Pick<Config, 'REDIS_KEY_PREFIX'>) => `${config.REDIS_KEY_PREFIX}:bull`;

/**
 * Connection options, not a client: BullMQ then opens and closes its own connections. Its blocking
 * commands need `maxRetriesPerRequest: null` (NOTES.md).
 */
export function queueConnection(config: Pick<Config, 'REDIS_URL'>, name: string): ConnectionOptions {
  const url = new URL(config.REDIS_URL);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: Number(url.pathname.slice(1) || 0),
    tls: url.protocol === 'rediss:' ? {} : undefined,
    connectionName: name,
    maxRetriesPerRequest: null,
  };
}

export function createJobsQueue(config: Config): Queue {
  return new Queue(JOBS_QUEUE, {
    connection: queueConnection(config, 'saathi-jobs-producer'),
    prefix: bullPrefix(config),
    defaultJobOptions: jobOptions,
  });
}

export type JobStatus = 'queued' | 'running' | 'completed' | 'failed';

const statusOfState: Record<string, JobStatus> = {
  waiting: 'queued',
  'waiting-children': 'queued',
  delayed: 'queued',
  prioritized: 'queued',
  active: 'running',
  completed: 'completed',
  failed: 'failed',
};

export interface JobView {
  job_id: string;
  name: JobName;
  status: JobStatus;
  result?: unknown;
}

/** The edge's handle on the jobs queue: opened on first use, so edges that never enqueue hold no connection. */
export class JobsClient {
  private queue: Queue | null = null;

  constructor(private readonly config: Config) {}

  private get jobsQueue(): Queue {
    this.queue ??= createJobsQueue(this.config);
    return this.queue;
  }

  async enqueue(name: JobName, data: Record<string, unknown> = {}): Promise<string> {
    const job = await this.jobsQueue.add(name, { ...data, manual: true });
    return String(job.id);
  }

  async find(jobId: string): Promise<JobView | null> {
    const job = await this.jobsQueue.getJob(jobId);
    if (!job || !isJobName(job.name)) return null;
    const status = statusOfState[await job.getState()] ?? 'queued';
    const result = status === 'completed' ? job.returnvalue : status === 'failed' ? { error: job.failedReason } : undefined;
    return { job_id: String(job.id), name: job.name, status, ...(result === undefined ? {} : { result }) };
  }

  async close(): Promise<void> {
    await this.queue?.close();
    this.queue = null;
  }
}
