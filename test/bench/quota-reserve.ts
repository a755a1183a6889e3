import { performance } from 'node:perf_hooks';
import { User } from '../../shared/db/models/index.js';
import { newId } from '../../shared/ids.js';
import { callWorker } from '../../shared/rpc.js';
import { startStack } from '../helpers/stack.js';
import { round, runPool, summarize } from './stats.js';

const USERS = 50;
const WARMUP = 200;
const SEQUENTIAL = 2000;
const CONCURRENT = 4000;
const IN_FLIGHT = 32;

export interface LatencyReport {
  name: string;
  samples: number;
  p50_ms: number;
  p99_ms: number;
  max_ms: number;
  per_second: number;
}

function report(name: string, samples: number[], elapsedMs: number): LatencyReport {
  const summary = summarize(samples);
  return {
    name,
    samples: summary.n,
    p50_ms: round(summary.p50, 3),
    p99_ms: round(summary.p99, 3),
    max_ms: round(summary.max, 3),
    per_second: Math.round((summary.n / elapsedMs) * 1000),
  };
}

/**
 * quota.reserve round trips through NATS to an in-process quota pool, against the real Redis:
 * one at a time (pure latency), then IN_FLIGHT at a time (latency under load).
 */
export async function benchQuotaReserve(): Promise<LatencyReport[]> {
  const stack = await startStack({
    pools: ['quota'],
    edge: false,
    env: { FREE_DAILY_MESSAGES: '1000000', FREE_CHAT_PER_MINUTE: '1000000', LOG_LEVEL: 'silent' },
  });
  try {
    const users = Array.from({ length: USERS }, () => newId());
    await User.bulkCreate(users.map((id) => ({ id, email: `${id}@bench.test` })));
    const { nc, subjects } = stack.infra;
    const timedReserve = async (index: number): Promise<number> => {
      const started = performance.now();
      const reply = await callWorker(nc, subjects.quota.reserve, { user_id: users[index % USERS] as string, reservation_id: newId() }, 5000);
      if (!reply.allowed) throw new Error(`reservation denied: ${reply.reason}`);
      return performance.now() - started;
    };

    await runPool(WARMUP, 1, timedReserve);
    let started = performance.now();
    const sequential = await runPool(SEQUENTIAL, 1, timedReserve);
    const sequentialReport = report('quota.reserve sequential', sequential, performance.now() - started);
    started = performance.now();
    const concurrent = await runPool(CONCURRENT, IN_FLIGHT, timedReserve);
    return [sequentialReport, report(`quota.reserve ${IN_FLIGHT} in flight`, concurrent, performance.now() - started)];
  } finally {
    await stack.close();
  }
}
