import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Message } from '../../shared/db/models/index.js';
import { quotaStatus } from '../../shared/quota/client.js';
import { addCharacter, sse, startChatStack, type ChatStack } from '../helpers/chat.js';
import { http } from '../helpers/http.js';
import { signUp, type TestUser } from '../helpers/users.js';

/**
 * The owner and the claims are checked at once, and the quota is reserved once the claims are taken:
 * a refused turn must still read as 404, then 409, then 429, and cost nothing — not the day's message,
 * not the minute's point, not even for a moment.
 */
let chat: ChatStack;

before(async () => {
  chat = await startChatStack({
    script: { deltas: ['One', ' moment', ' please'], gapMs: 150 },
    env: { FREE_DAILY_MESSAGES: '1', PRO_CHAT_PER_MINUTE: '2' },
  });
});
after(() => chat.close());

async function conversationOf(user: TestUser): Promise<string> {
  const character = await addCharacter(chat.stack);
  const created = await http(chat.stack.url, 'POST', '/v1/conversations', { token: user.token, body: { character_id: character.id, language: 'en' } });
  assert.equal(created.status, 201);
  return created.body.id;
}

const send = (user: TestUser, conversationId: string, content = 'Hello') =>
  http(chat.stack.url, 'POST', `/v1/conversations/${conversationId}/messages`, { token: user.token, body: { content } });

test('with the day used up, another user\'s or a missing conversation is still 404, and a refused turn charges nothing', async () => {
  const owner = await signUp(chat.stack);
  const stranger = await signUp(chat.stack);
  const strangers = await conversationOf(stranger);
  const own = await conversationOf(owner);
  assert.equal((await send(owner, own)).status, 200);

  for (const target of [strangers, '00000000-0000-4000-8000-000000000000']) {
    const refused = await send(owner, target);
    assert.equal(refused.status, 404, JSON.stringify(refused.body));
    assert.equal(refused.body.error.code, 'not_found');
  }
  const overQuota = await send(owner, own);
  assert.equal(overQuota.status, 429);
  assert.equal(overQuota.body.error.code, 'quota_exceeded');
  assert.equal((await quotaStatus(chat.stack.infra, owner.id)).used, 1);
  assert.equal(await Message.count({ where: { conversation_id: strangers } }), 1, 'only the greeting');
});

test('owner checks read together still judge each turn on its own: only the owner, by the exact id, gets in', async () => {
  const [first, second] = [await signUp(chat.stack), await signUp(chat.stack)];
  const [firsts, seconds] = [await conversationOf(first), await conversationOf(second)];
  const [own, intruding, otherOwn, alteredId] = await Promise.all([
    send(first, firsts),
    send(second, firsts),
    send(second, seconds),
    send(first, firsts.toUpperCase()),
  ]);
  assert.deepEqual([own.status, intruding.status, otherOwn.status, alteredId.status], [200, 404, 200, 404]);
  for (const conversationId of [firsts, seconds]) {
    assert.equal(await Message.count({ where: { conversation_id: conversationId } }), 3, 'the greeting and its owner\'s turn only');
  }
});

test('409s while a reply generates give their per-minute points back', async () => {
  const user = await signUp(chat.stack, { plan: 'pro' });
  const conversationId = await conversationOf(user);
  const slow = sse(chat.stack.url, 'POST', `/v1/conversations/${conversationId}/messages`, { token: user.token, body: { content: 'Take your time' } });
  await new Promise((resolve) => setTimeout(resolve, 150));
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const busy = await send(user, conversationId, 'Are you there?');
    assert.equal(busy.status, 409, JSON.stringify(busy.body));
  }
  assert.equal((await slow).events.at(-1)!.event, 'done');
  const next = await send(user, conversationId, 'Now?');
  assert.equal(next.status, 200, 'two messages in the minute fit PRO_CHAT_PER_MINUTE=2: the 409s cost no point');
  assert.equal((await quotaStatus(chat.stack.infra, user.id)).used, 2);
});

test('a turn refused with 409 never holds a reservation, so a message sent with it to another conversation gets the minute\'s last point', async () => {
  const user = await signUp(chat.stack, { plan: 'pro' });
  const busyConversation = await conversationOf(user);
  const otherConversation = await conversationOf(user);
  const slow = sse(chat.stack.url, 'POST', `/v1/conversations/${busyConversation}/messages`, { token: user.token, body: { content: 'Take your time' } });
  await new Promise((resolve) => setTimeout(resolve, 150));
  const [busy, other] = await Promise.all([send(user, busyConversation, 'Are you there?'), send(user, otherConversation, 'Hello here')]);
  assert.equal(busy.status, 409, JSON.stringify(busy.body));
  assert.equal(other.status, 200, JSON.stringify(other.body));
  assert.equal((await slow).events.at(-1)!.event, 'done');
  assert.equal((await quotaStatus(chat.stack.infra, user.id)).used, 2);
});

test('a used-up day keeps its 429 headers through the llm pool, and retrying it starts no model call', async () => {
  const user = await signUp(chat.stack);
  const conversationId = await conversationOf(user);
  assert.equal((await send(user, conversationId)).status, 200);
  const first = await send(user, conversationId, 'One more?');
  assert.equal(first.status, 429);
  assert.equal(first.headers.get('x-quota-remaining'), '0');
  assert.ok(Number(first.headers.get('retry-after')) > 0);

  const modelCalls = chat.openai.requests.length;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const again = await send(user, conversationId, 'Please?');
    assert.equal(again.status, 429);
    assert.equal(again.body.error.code, 'quota_exceeded');
  }
  assert.equal(chat.openai.requests.length, modelCalls, 'a user refused a minute ago waits for the quota before the model is asked');
  assert.equal(await Message.count({ where: { conversation_id: conversationId, role: 'user' } }), 1);
});

test('past the per-minute rate a message gets 429 rate_limited with Retry-After and the X-Quota-* headers, charging nothing', async () => {
  const user = await signUp(chat.stack, { plan: 'pro' });
  const conversationId = await conversationOf(user);
  for (const content of ['One', 'Two']) assert.equal((await send(user, conversationId, content)).status, 200);
  const third = await send(user, conversationId, 'Three');
  assert.equal(third.status, 429, JSON.stringify(third.body));
  assert.equal(third.body.error.code, 'rate_limited');
  assert.ok(Number(third.headers.get('retry-after')) > 0);
  assert.equal(third.headers.get('x-quota-limit'), String(chat.stack.config.PRO_DAILY_MESSAGES));
  assert.equal(third.headers.get('x-quota-remaining'), String(chat.stack.config.PRO_DAILY_MESSAGES - 2));
  assert.ok(third.headers.get('x-quota-reset'));
  assert.equal((await quotaStatus(chat.stack.infra, user.id)).used, 2);
});
