import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createJobsQueue } from '../../shared/jobs.js';
import { jobRuns } from '../../shared/metrics.js';
import { archivalPool } from '../../workers/archival/index.js';
import { startPool, type RunningPool } from '../../workers/runtime.js';
import { startStack, type TestStack } from '../helpers/stack.js';

let stack: TestStack;
let second: RunningPool;
before(async () => {
  stack = await startStack({ pools: ['archival'], edge: false });
  second = await startPool(archivalPool, stack.infra);
});
after(async () => {
  await second.stop();
  await stack.close();
});

const completedRuns = async (job: string) =>
  (await jobRuns.get()).values.find((value) => value.labels.job === job && value.labels.outcome === 'completed')?.value ?? 0;

test('the schedules are registered in Asia/Kolkata', async () => {
  const queue = createJobsQueue(stack.config);
  try {
    const schedulers = await queue.getJobSchedulers();
    const byName = Object.fromEntries(schedulers.map((scheduler) => [scheduler.key, scheduler]));
    for (const name of ['usage_close', 'subscription_expiry', 'analytics', 'archival']) {
      assert.equal(byName[name]?.tz, 'Asia/Kolkata', `${name} runs on IST`);
    }
    assert.equal(byName.usage_close?.pattern, '5 0 * * *');
  } finally {
    await queue.close();
  }
});

test('two archival workers run each scheduled slot exactly once', { timeout: 30_000 }, async () => {
  const queue = createJobsQueue(stack.config);
  try {
    const before = await completedRuns('usage_close');
    await queue.upsertJobScheduler('usage_close', { every: 250 }, { name: 'usage_close', data: {} });
    await new Promise((resolve) => setTimeout(resolve, 3000));
    await queue.removeJobScheduler('usage_close');
    await new Promise((resolve) => setTimeout(resolve, 500));

    const completed = (await queue.getJobs(['completed'], 0, -1)).filter((job) => job.name === 'usage_close');
    const slots = new Set(completed.map((job) => job.id));
    const runs = (await completedRuns('usage_close')) - before;
    assert.ok(slots.size >= 4, `several slots fired (${slots.size})`);
    assert.equal(runs, slots.size, 'one run per slot, never two');
  } finally {
    await queue.close();
  }
});
