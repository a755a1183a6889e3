import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { UsageDaily } from '../../shared/db/models/index.js';
import { flushUsage } from '../../shared/usage/flush.js';
import { http } from '../helpers/http.js';
import { startStack, type TestStack } from '../helpers/stack.js';
import { signUp, type TestUser } from '../helpers/users.js';
import { commit, reserve } from './helpers.js';

const NOW = '2026-03-10T12:00:00.000Z';

async function chatTurn(stack: TestStack, userId: string, reservationId: string, prompt: number, completion: number) {
  assert.equal((await reserve(stack, userId, reservationId)).allowed, true);
  assert.deepEqual(await commit(stack, userId, reservationId, prompt, completion), { committed: true });
}

const storedRow = (userId: string, date: string) => UsageDaily.findOne({ where: { user_id: userId, date }, raw: true });

describe('usage per IST day: GET /v1/me/usage and the flush to usage_daily', () => {
  let stack: TestStack;
  let alice: TestUser;
  let bob: TestUser;
  before(async () => {
    stack = await startStack({ pools: ['quota'], env: { FREE_CHAT_PER_MINUTE: '1000' } });
    alice = await signUp(stack);
    bob = await signUp(stack);
    stack.clock.set(NOW);
  });
  after(async () => {
    await stack.close();
  });

  it('counts a committed message and its tokens at once, one item per day, oldest first', async () => {
    await chatTurn(stack, alice.id, 'a-1', 100, 40);
    await chatTurn(stack, alice.id, 'a-2', 50, 10);
    await reserve(stack, alice.id, 'a-uncommitted');

    const response = await http(stack.url, 'GET', '/v1/me/usage', { token: alice.token });
    assert.equal(response.status, 200);
    assert.equal(response.body.items.length, 7);
    assert.deepEqual(response.body.items[0], { date: '2026-03-04', messages: 0, prompt_tokens: 0, completion_tokens: 0 });
    assert.deepEqual(response.body.items[6], { date: '2026-03-10', messages: 2, prompt_tokens: 150, completion_tokens: 50 });
  });

  it('reaches usage_daily within seconds through the pool, without double counting', async () => {
    const deadline = Date.now() + 6000;
    let row = await storedRow(alice.id, '2026-03-10');
    while (!row && Date.now() < deadline) {
      await sleep(200);
      row = await storedRow(alice.id, '2026-03-10');
    }
    assert.ok(row, 'the pool flushed today’s row');
    assert.deepEqual([row.messages, Number(row.prompt_tokens), Number(row.completion_tokens)], [2, 150, 50]);

    const response = await http(stack.url, 'GET', '/v1/me/usage?days=1', { token: alice.token });
    assert.deepEqual(response.body.items, [{ date: '2026-03-10', messages: 2, prompt_tokens: 150, completion_tokens: 50 }]);
  });

  it('adds later messages to the stored row; concurrent flushes write each increment once', async () => {
    await chatTurn(stack, alice.id, 'a-3', 7, 3);
    await Promise.all([flushUsage(stack.infra), flushUsage(stack.infra), flushUsage(stack.infra)]);
    const row = await storedRow(alice.id, '2026-03-10');
    assert.deepEqual([row?.messages, Number(row?.prompt_tokens), Number(row?.completion_tokens)], [3, 157, 53]);
  });

  it('books a message on the IST day it was reserved, even when committed after midnight', async () => {
    stack.clock.set('2026-03-10T18:29:59.000Z');
    await reserve(stack, bob.id, 'b-late');
    stack.clock.set('2026-03-10T18:30:01.000Z');
    await commit(stack, bob.id, 'b-late', 5, 5);
    const response = await http(stack.url, 'GET', '/v1/me/usage?days=2', { token: bob.token });
    assert.deepEqual(response.body.items, [
      { date: '2026-03-10', messages: 1, prompt_tokens: 5, completion_tokens: 5 },
      { date: '2026-03-11', messages: 0, prompt_tokens: 0, completion_tokens: 0 },
    ]);
    stack.clock.set(NOW);
  });

  it('books a message on its own day when it is committed days later', async () => {
    stack.clock.set('2026-03-08T12:00:00.000Z');
    await reserve(stack, bob.id, 'b-old');
    stack.clock.set(NOW);
    assert.deepEqual(await commit(stack, bob.id, 'b-old', 3, 4), { committed: true });
    assert.deepEqual(await commit(stack, bob.id, 'b-old', 3, 4), { committed: false });
    const response = await http(stack.url, 'GET', '/v1/me/usage?days=3', { token: bob.token });
    assert.deepEqual(response.body.items[0], { date: '2026-03-08', messages: 1, prompt_tokens: 3, completion_tokens: 4 });
  });

  it('shows each user only their own usage', async () => {
    const response = await http(stack.url, 'GET', '/v1/me/usage?days=1', { token: bob.token });
    assert.deepEqual(response.body.items, [{ date: '2026-03-10', messages: 1, prompt_tokens: 5, completion_tokens: 5 }]);
  });

  it('needs a token', async () => {
    const response = await http(stack.url, 'GET', '/v1/me/usage');
    assert.equal(response.status, 401);
    assert.equal(response.body.error.code, 'unauthorized');
  });

  it('rejects a bad days value or an unknown parameter with 422', async () => {
    for (const query of ['days=0', 'days=91', 'days=abc', 'days=1.5', 'days=3&extra=1']) {
      const response = await http(stack.url, 'GET', `/v1/me/usage?${query}`, { token: alice.token });
      assert.equal(response.status, 422, query);
      assert.equal(response.body.error.code, 'validation_failed');
      assert.ok(Array.isArray(response.body.error.details.issues));
    }
  });
});
