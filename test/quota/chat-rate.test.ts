import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AppError } from '../../shared/errors.js';
import { acceptReservation } from '../../shared/quota/present.js';
import { startStack, type TestStack } from '../helpers/stack.js';
import { insertUser, refund, reserve, status } from './helpers.js';

describe('per-user chat rate', () => {
  let stack: TestStack;
  before(async () => {
    stack = await startStack({
      pools: ['quota'],
      edge: false,
      env: { FREE_DAILY_MESSAGES: '100', FREE_CHAT_PER_MINUTE: '3', PRO_CHAT_PER_MINUTE: '5' },
    });
  });
  after(async () => {
    await stack.close();
  });

  it('answers rate_limited with retry_after_s past the per-minute limit, without charging the day', async () => {
    const userId = await insertUser('free');
    for (let index = 0; index < 3; index += 1) assert.equal((await reserve(stack, userId)).allowed, true);
    const fourth = await reserve(stack, userId);
    assert.equal(fourth.allowed, false);
    assert.ok(!fourth.allowed && fourth.reason === 'rate_limited');
    assert.ok(fourth.retry_after_s >= 1 && fourth.retry_after_s <= 60, `retry after ${fourth.retry_after_s}`);
    assert.equal(fourth.used, 3);
    assert.equal((await status(stack, userId)).used, 3);

    assert.throws(
      () => acceptReservation(fourth),
      (error: unknown) =>
        error instanceof AppError && error.code === 'rate_limited' && error.headers['Retry-After'] === String(fourth.retry_after_s),
    );
  });

  it('a refunded reservation gives its per-minute point back, once', async () => {
    const userId = await insertUser('free');
    for (let index = 0; index < 3; index += 1) {
      const reservationId = `refused-${index}`;
      assert.equal((await reserve(stack, userId, reservationId)).allowed, true);
      assert.equal((await refund(stack, userId, reservationId)).refunded, true);
      assert.equal((await refund(stack, userId, reservationId)).refunded, false);
    }
    for (let index = 0; index < 3; index += 1) assert.equal((await reserve(stack, userId)).allowed, true);
    assert.equal((await reserve(stack, userId)).allowed, false, 'a second refund of one reservation gave nothing more back');
  });

  it('limits each user on their own, at their plan rate', async () => {
    const pro = await insertUser('pro');
    const free = await insertUser('free');
    const proReplies = [];
    for (let index = 0; index < 6; index += 1) proReplies.push(await reserve(stack, pro));
    assert.deepEqual(proReplies.map((reply) => reply.allowed), [true, true, true, true, true, false]);
    assert.equal((await reserve(stack, free)).allowed, true);
  });
});
