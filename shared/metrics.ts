import client from 'prom-client';

/**
 * Process-wide metrics. Defined once per module load so an edge and its workers in one process
 * share a registry, and /metrics shows both.
 */
export const registry = client.register;

client.collectDefaultMetrics({ register: registry });

export const httpRequestDuration = new client.Histogram({
  name: 'saathi_http_request_duration_seconds',
  help: 'HTTP request duration by route and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
});

export const sseStreamsOpen = new client.Gauge({
  name: 'saathi_sse_streams_open',
  help: 'Server-sent event streams currently open on this edge',
});

export const redisFallbacks = new client.Counter({
  name: 'saathi_redis_fallback_total',
  help: 'Checks answered by an in-process stand-in because Redis was unreachable, by component',
  labelNames: ['component'] as const,
});

export const jobRuns = new client.Counter({
  name: 'saathi_job_runs_total',
  help: 'Background job runs by job and outcome',
  labelNames: ['job', 'outcome'] as const,
});

export const jobDuration = new client.Histogram({
  name: 'saathi_job_duration_seconds',
  help: 'Background job run time by job',
  labelNames: ['job'] as const,
  buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300],
});
