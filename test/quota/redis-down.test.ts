import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { istDate } from '../../shared/clock.js';
import { UsageDaily } from '../../shared/db/models/index.js';
import { http } from '../helpers/http.js';
import { startStack, type TestStack } from '../helpers/stack.js';
import { signUp, type TestUser } from '../helpers/users.js';
import { commit, insertUser, refund, reserve } from './helpers.js';

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/** A throwaway redis-server of this test's own, so stopping it disturbs nobody else. */
async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 5000;
  while (!output.includes('Ready to accept connections')) {
    if (Date.now() > deadline) throw new Error(`redis-server did not start: ${output}`);
    await sleep(50);
  }
  return child;
}

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

describe('Redis stopped mid-test', () => {
  let redis: ChildProcess | null = null;
  let stack: TestStack;
  let member: TestUser;
  let earlyUser: string;

  before(async () => {
    const port = await freePort();
    redis = await startRedis(port);
    stack = await startStack({
      pools: ['quota'],
      env: { REDIS_URL: `redis://127.0.0.1:${port}/0`, FREE_DAILY_MESSAGES: '3', FREE_CHAT_PER_MINUTE: '6', API_PER_MINUTE: '1000' },
    });
    await waitFor(() => stack.infra.redis.status === 'ready', 'redis to be ready');
    member = await signUp(stack);
    earlyUser = await insertUser('free');
    for (let index = 0; index < 2; index += 1) assert.equal((await reserve(stack, earlyUser)).allowed, true);
    assert.equal(await stack.infra.redis.get(stack.infra.key('quota', 'used', istDate(stack.clock.now()), earlyUser)), '2');

    redis.kill('SIGKILL');
    await once(redis, 'exit');
    redis = null;
    await waitFor(() => stack.infra.redis.status !== 'ready', 'the client to notice');
  });

  after(async () => {
    await stack?.close();
    redis?.kill('SIGKILL');
  });

  it('keeps the daily quota from the last count Redis reported', async () => {
    const third = await reserve(stack, earlyUser, 'outage-1');
    assert.equal(third.allowed, true);
    assert.equal(third.used, 3);
    const fourth = await reserve(stack, earlyUser);
    assert.ok(!fourth.allowed && fourth.reason === 'quota_exceeded');

    assert.deepEqual(await refund(stack, earlyUser, 'outage-1'), { refunded: true });
    assert.deepEqual(await refund(stack, earlyUser, 'outage-1'), { refunded: false });
  });

  it('limits chat conservatively in-process: half the per-minute rate', async () => {
    const stranger = await insertUser('free');
    const replies = [];
    for (let index = 0; index < 4; index += 1) replies.push(await reserve(stack, stranger));
    assert.deepEqual(replies.map((reply) => reply.allowed), [true, true, true, false]);
    const last = replies[3];
    assert.ok(last && !last.allowed && last.reason === 'rate_limited' && last.retry_after_s >= 1);
  });

  it('writes usage straight to MySQL', async () => {
    const userId = await insertUser('free');
    await reserve(stack, userId, 'outage-commit');
    assert.deepEqual(await commit(stack, userId, 'outage-commit', 12, 34), { committed: true });
    const row = await UsageDaily.findOne({ where: { user_id: userId, date: istDate(stack.clock.now()) }, raw: true });
    assert.deepEqual([row?.messages, Number(row?.prompt_tokens), Number(row?.completion_tokens)], [1, 12, 34]);
  });

  it('answers HTTP without a 500, and counts the fallbacks in /metrics', async () => {
    const usage = await http(stack.url, 'GET', '/v1/me/usage?days=1', { token: member.token });
    assert.ok([200, 503].includes(usage.status), `usage answered ${usage.status}`);
    assert.equal((await http(stack.url, 'GET', '/openapi.json')).status, 200);
    const login = await http(stack.url, 'POST', '/v1/auth/login', { body: { email: member.email, password: 'wrong password!' } });
    assert.ok(login.status < 500 || login.body.error.code === 'unavailable', `login answered ${login.status}`);

    const metrics = await http(stack.url, 'GET', '/metrics');
    for (const component of ['daily_quota', 'chat_rate', 'ip_rate']) {
      assert.match(metrics.body, new RegExp(`saathi_redis_fallback_total\\{component="${component}"\\} [1-9]`));
    }
  });
});

describe('Redis unreachable from the start', () => {
  let stack: TestStack;
  before(async () => {
    stack = await startStack({ pools: ['quota'], env: { REDIS_URL: `redis://127.0.0.1:${await freePort()}/0`, FREE_DAILY_MESSAGES: '2' } });
  });
  after(async () => {
    await stack.close();
  });

  it('still answers reservations from the fallback, and HTTP without a 500', async () => {
    const userId = await insertUser('free');
    const replies = [await reserve(stack, userId), await reserve(stack, userId), await reserve(stack, userId)];
    assert.deepEqual(replies.map((reply) => reply.allowed), [true, true, false]);
    assert.equal((await http(stack.url, 'GET', '/v1/me/usage')).status, 401);
    assert.equal((await http(stack.url, 'GET', '/healthz')).status, 200);
  });
});
