import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { AppError } from '../../shared/errors.js';
import { acceptReservation, quotaHeaders } from '../../shared/quota/present.js';
import { startStack, type TestStack } from '../helpers/stack.js';
import { commit, insertUser, refund, reserve, setPlan, status } from './helpers.js';

/** 17:30 IST on 10 March 2026: the IST day ends at 18:30:00 UTC. */
const AFTERNOON = '2026-03-10T12:00:00.000Z';
const MIDNIGHT_IST = '2026-03-10T18:30:00.000Z';

async function useUp(stack: TestStack, userId: string, count: number): Promise<void> {
  for (let index = 0; index < count; index += 1) assert.equal((await reserve(stack, userId)).allowed, true);
}

describe('daily message quota', () => {
  let stack: TestStack;
  before(async () => {
    stack = await startStack({
      pools: ['quota'],
      edge: false,
      env: { FREE_DAILY_MESSAGES: '5', PRO_DAILY_MESSAGES: '50', FREE_CHAT_PER_MINUTE: '1000', PRO_CHAT_PER_MINUTE: '1000' },
    });
  });
  beforeEach(() => stack.clock.set(AFTERNOON));
  after(async () => {
    await stack.close();
  });

  it('denies the 6th message of a free user with resets_at at the next 18:30:00 UTC, charging nothing', async () => {
    const userId = await insertUser('free');
    await useUp(stack, userId, 5);
    const sixth = await reserve(stack, userId);
    assert.equal(sixth.allowed, false);
    assert.ok(!sixth.allowed && sixth.reason === 'quota_exceeded');
    assert.equal(sixth.retry_after_s, 6.5 * 3600);
    assert.deepEqual(
      { limit: sixth.limit, used: sixth.used, remaining: sixth.remaining, resets_at: sixth.resets_at, plan: sixth.plan },
      { limit: 5, used: 5, remaining: 0, resets_at: MIDNIGHT_IST, plan: 'free' },
    );
    assert.equal((await reserve(stack, userId)).used, 5, 'a denied request is not charged');

    const error = (() => {
      try {
        acceptReservation(sixth);
      } catch (thrown) {
        return thrown;
      }
    })();
    assert.ok(error instanceof AppError);
    assert.equal(error.code, 'quota_exceeded');
    assert.deepEqual(error.details, { limit: 5, used: 5, resets_at: MIDNIGHT_IST });
    assert.equal(error.headers['Retry-After'], String(6.5 * 3600));
    assert.equal(error.headers['X-Quota-Remaining'], '0');
  });

  it('keeps the counter until a day after its IST day ends', async () => {
    const userId = await insertUser('free');
    await useUp(stack, userId, 1);
    const ttl = await stack.infra.redis.ttl(stack.infra.key('quota', 'used', '2026-03-10', userId));
    assert.ok(Math.abs(ttl - (6.5 * 3600 + 24 * 3600)) <= 2, `ttl ${ttl}`);
  });

  it('is fresh at IST midnight, not a millisecond before', async () => {
    const userId = await insertUser('free');
    await useUp(stack, userId, 5);
    stack.clock.set('2026-03-10T18:29:59.999Z');
    assert.equal((await reserve(stack, userId)).allowed, false);
    stack.clock.set(MIDNIGHT_IST);
    const fresh = await reserve(stack, userId);
    assert.equal(fresh.allowed, true);
    assert.equal(fresh.used, 1);
    assert.equal(fresh.remaining, 4);
    assert.equal(fresh.resets_at, '2026-03-11T18:30:00.000Z');
  });

  it('raises the limit at once when the user upgrades mid-day', async () => {
    const userId = await insertUser('free');
    await useUp(stack, userId, 5);
    assert.equal((await reserve(stack, userId)).allowed, false);
    await setPlan(stack, userId, 'pro');
    const upgraded = await reserve(stack, userId);
    assert.equal(upgraded.allowed, true);
    assert.deepEqual([upgraded.plan, upgraded.limit, upgraded.used, upgraded.remaining], ['pro', 50, 6, 44]);
    assert.deepEqual(quotaHeaders(upgraded), { 'X-Quota-Limit': '50', 'X-Quota-Remaining': '44', 'X-Quota-Reset': MIDNIGHT_IST });
  });

  it('a refund gives the message back once; a refunded reservation is not committed', async () => {
    const userId = await insertUser('free');
    await useUp(stack, userId, 4);
    const last = await reserve(stack, userId, 'gen-last');
    assert.equal(last.allowed, true);
    assert.equal((await reserve(stack, userId)).allowed, false);

    assert.deepEqual(await refund(stack, userId, 'gen-last'), { refunded: true });
    assert.deepEqual(await refund(stack, userId, 'gen-last'), { refunded: false });
    assert.equal((await status(stack, userId)).used, 4);
    assert.deepEqual(await commit(stack, userId, 'gen-last'), { committed: false });

    assert.equal((await reserve(stack, userId)).allowed, true);
    assert.equal((await reserve(stack, userId)).allowed, false);
  });

  it('a refund after midnight, or days later, gives the message back to the day it was charged to', async () => {
    const userId = await insertUser('free');
    stack.clock.set('2026-03-10T18:29:59.000Z');
    await useUp(stack, userId, 4);
    await reserve(stack, userId, 'gen-before-midnight');
    stack.clock.set(MIDNIGHT_IST);
    await reserve(stack, userId, 'gen-after-midnight');
    assert.deepEqual(await refund(stack, userId, 'gen-before-midnight'), { refunded: true });
    assert.equal((await status(stack, userId)).used, 1);

    stack.clock.set('2026-03-10T18:29:59.000Z');
    assert.equal((await status(stack, userId)).used, 4);
    await reserve(stack, userId, 'gen-old');
    stack.clock.set('2026-03-13T12:00:00.000Z');
    assert.deepEqual(await refund(stack, userId, 'gen-old'), { refunded: true });
    assert.deepEqual(await refund(stack, userId, 'gen-old'), { refunded: false });
    stack.clock.set('2026-03-10T18:29:59.000Z');
    assert.equal((await status(stack, userId)).used, 4);
  });

  it('refunds only the owner, and never a committed reservation', async () => {
    const owner = await insertUser('free');
    const other = await insertUser('free');
    await reserve(stack, owner, 'gen-owned');
    assert.deepEqual(await refund(stack, other, 'gen-owned'), { refunded: false });
    assert.deepEqual(await commit(stack, owner, 'gen-owned'), { committed: true });
    assert.deepEqual(await commit(stack, owner, 'gen-owned'), { committed: false });
    assert.deepEqual(await refund(stack, owner, 'gen-owned'), { refunded: false });
    assert.equal((await status(stack, owner)).used, 1);
  });

  it('status reports without charging', async () => {
    const userId = await insertUser('free');
    await useUp(stack, userId, 2);
    const snapshot = await status(stack, userId);
    assert.deepEqual(snapshot, { plan: 'free', limit: 5, used: 2, remaining: 3, resets_at: MIDNIGHT_IST });
    assert.equal((await status(stack, userId)).used, 2);
  });

  it('rejects a malformed request as validation_failed', async () => {
    await assert.rejects(
      () => reserve(stack, '', 'gen'),
      (error: unknown) => error instanceof AppError && error.code === 'validation_failed',
    );
  });
});
