import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { computeDailyStats } from '../../shared/analytics/daily-stats.js';
import { DailyStat } from '../../shared/db/models/index.js';
import { http } from '../helpers/http.js';
import { startStack, type TestStack } from '../helpers/stack.js';
import { signUp, type TestUser } from '../helpers/users.js';

let stack: TestStack;
let admin: TestUser;
let user: TestUser;
before(async () => {
  stack = await startStack({ pools: ['archival', 'quota'] });
  admin = await signUp(stack, { admin: true });
  user = await signUp(stack);
});
after(() => stack.close());

const waitForJob = async (jobId: string) => {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const response = await http(stack.url, 'GET', `/v1/admin/jobs/${jobId}`, { token: admin.token });
    if (response.body.status === 'completed' || response.body.status === 'failed') return response;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('job did not finish');
};

test('an admin runs a job now and reads its result', async () => {
  const started = await http(stack.url, 'POST', '/v1/admin/jobs/analytics/run', { token: admin.token, body: { date: '2026-11-20' } });
  assert.equal(started.status, 202);
  assert.equal(typeof started.body.job_id, 'string');
  const finished = await waitForJob(started.body.job_id);
  assert.equal(finished.status, 200);
  assert.deepEqual(finished.body, { job_id: started.body.job_id, name: 'analytics', status: 'completed', result: { computed: ['2026-11-20'] } });
  assert.equal(await DailyStat.count({ where: { date: '2026-11-20' } }), 1);
});

test('every job name can be run', async () => {
  for (const name of ['usage_close', 'subscription_expiry', 'archival']) {
    const started = await http(stack.url, 'POST', `/v1/admin/jobs/${name}/run`, { token: admin.token });
    assert.equal(started.status, 202, name);
    assert.equal((await waitForJob(started.body.job_id)).body.status, 'completed', name);
  }
});

test('the analytics endpoint returns the stored days in range', async () => {
  await computeDailyStats(stack.infra, '2026-11-21');
  const response = await http(stack.url, 'GET', '/v1/admin/analytics?from=2026-11-20&to=2026-11-21', { token: admin.token });
  assert.equal(response.status, 200);
  assert.deepEqual(response.body.items.map((item: { date: string }) => item.date), ['2026-11-20', '2026-11-21']);
  const [day] = response.body.items;
  for (const field of ['active_users', 'new_users', 'messages', 'prompt_tokens', 'completion_tokens', 'by_language', 'by_character', 'conversions', 'revenue_paise']) {
    assert.ok(field in day, field);
  }
});

test('admin endpoints: no token → 401, a regular user → 403, nothing queued', async () => {
  assert.equal((await http(stack.url, 'POST', '/v1/admin/jobs/archival/run')).status, 401);
  const forbidden = await http(stack.url, 'POST', '/v1/admin/jobs/archival/run', { token: user.token });
  assert.equal(forbidden.status, 403);
  assert.equal(forbidden.body.error.code, 'forbidden');
  assert.equal((await http(stack.url, 'GET', '/v1/admin/analytics?from=2026-11-20&to=2026-11-21', { token: user.token })).status, 403);
  assert.equal((await http(stack.url, 'GET', '/v1/admin/jobs/1', { token: user.token })).status, 403);
});

test('bad input: unknown job → 404, unknown job id → 404, bad dates → 422, unknown field → 422', async () => {
  const unknownJob = await http(stack.url, 'POST', '/v1/admin/jobs/mine_bitcoin/run', { token: admin.token });
  assert.equal(unknownJob.status, 404);
  assert.equal(unknownJob.body.error.code, 'not_found');
  assert.equal((await http(stack.url, 'GET', '/v1/admin/jobs/999999', { token: admin.token })).status, 404);
  for (const query of ['from=2026-11-21&to=2026-11-20', 'from=2026-13-01&to=2026-14-01', 'from=yesterday&to=2026-11-20', 'to=2026-11-20', 'from=2020-01-01&to=2026-01-01']) {
    const response = await http(stack.url, 'GET', `/v1/admin/analytics?${query}`, { token: admin.token });
    assert.equal(response.status, 422, query);
    assert.equal(response.body.error.code, 'validation_failed');
  }
  const extra = await http(stack.url, 'POST', '/v1/admin/jobs/analytics/run', { token: admin.token, body: { date: '2026-11-20', force: true } });
  assert.equal(extra.status, 422);
});
