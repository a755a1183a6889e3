import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { istDate } from '../../shared/clock.js';
import { startStack, type TestStack } from '../helpers/stack.js';
import { insertUser, reserve } from './helpers.js';

describe('quota.reserve under concurrency', () => {
  let stack: TestStack;
  before(async () => {
    stack = await startStack({ pools: ['quota'], edge: false, env: { FREE_DAILY_MESSAGES: '8', FREE_CHAT_PER_MINUTE: '1000' } });
  });
  after(async () => {
    await stack.close();
  });

  it('50 concurrent reservations with 5 left: exactly 5 allowed, 45 denied, the counter ends at the limit', async () => {
    const userId = await insertUser('free');
    for (let index = 0; index < 3; index += 1) assert.equal((await reserve(stack, userId)).allowed, true);

    const replies = await Promise.all(Array.from({ length: 50 }, () => reserve(stack, userId)));
    const allowed = replies.filter((reply) => reply.allowed);
    const denied = replies.filter((reply) => !reply.allowed);
    assert.equal(allowed.length, 5);
    assert.equal(denied.length, 45);
    for (const reply of denied) {
      assert.equal(reply.allowed, false);
      if (!reply.allowed) assert.equal(reply.reason, 'quota_exceeded');
      assert.equal(reply.used, 8);
      assert.equal(reply.remaining, 0);
    }
    assert.deepEqual(allowed.map((reply) => reply.used).sort((a, b) => a - b), [4, 5, 6, 7, 8]);

    const counter = await stack.infra.redis.get(stack.infra.key('quota', 'used', istDate(stack.clock.now()), userId));
    assert.equal(counter, '8');
  });

  it('the same reservation id twice charges once', async () => {
    const userId = await insertUser('free');
    const [first, second] = await Promise.all([reserve(stack, userId, 'gen-1'), reserve(stack, userId, 'gen-1')]);
    assert.equal(first.allowed && second.allowed, true);
    assert.equal(Math.max(first.used, second.used), 1);
    assert.equal((await reserve(stack, userId)).used, 2);
  });
});
