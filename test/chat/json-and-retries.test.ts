import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Message } from '../../shared/db/models/index.js';
import { quotaStatus } from '../../shared/quota/client.js';
import { addCharacter, sse, startChatStack, textOf, type ChatStack } from '../helpers/chat.js';
import { http } from '../helpers/http.js';
import { signUp, type TestUser } from '../helpers/users.js';

let chat: ChatStack;
let user: TestUser;

before(async () => {
  chat = await startChatStack({ script: { deltas: ['Hello', ' there', ' friend'], gapMs: 30 } });
  user = await signUp(chat.stack, { plan: 'pro' });
});
after(() => chat.close());

/** A conversation with a character of its own (the same character would continue the old one). */
async function newConversation(): Promise<string> {
  const character = await addCharacter(chat.stack);
  const created = await http(chat.stack.url, 'POST', '/v1/conversations', { token: user.token, body: { character_id: character.id, language: 'en' } });
  return created.body.id;
}

const send = (conversationId: string, body: Record<string, unknown>) =>
  http(chat.stack.url, 'POST', `/v1/conversations/${conversationId}/messages`, { token: user.token, body });

test('without Accept: text/event-stream the reply comes back as one JSON body with quota headers', async () => {
  const conversationId = await newConversation();
  const response = await send(conversationId, { content: 'How are you?' });
  assert.equal(response.status, 200);
  assert.equal(response.body.user_message.content, 'How are you?');
  assert.equal(response.body.user_message.language, 'en');
  assert.equal(response.body.assistant_message.content, 'Hello there friend');
  assert.equal(response.body.assistant_message.status, 'complete');
  assert.deepEqual(Object.keys(response.body.usage).sort(), ['completion_tokens', 'prompt_tokens']);
  assert.equal(response.headers.get('x-quota-remaining'), String(response.body.quota.remaining));
  assert.equal(response.headers.get('x-quota-limit'), String(chat.stack.config.PRO_DAILY_MESSAGES));
});

test('a retried client_message_id returns the first result and charges once', async () => {
  const conversationId = await newConversation();
  const usedBefore = (await quotaStatus(chat.stack.infra, user.id)).used;
  const first = await send(conversationId, { content: 'Remember me?', client_message_id: 'phone-1' });
  const again = await send(conversationId, { content: 'Remember me?', client_message_id: 'phone-1' });
  assert.equal(first.status, 200);
  assert.equal(again.status, 200);
  assert.equal(again.body.user_message.id, first.body.user_message.id);
  assert.equal(again.body.assistant_message.id, first.body.assistant_message.id);
  assert.equal(await Message.count({ where: { conversation_id: conversationId, role: 'user' } }), 1);
  assert.equal((await quotaStatus(chat.stack.infra, user.id)).used, usedBefore + 1);

  const replay = await sse(chat.stack.url, 'POST', `/v1/conversations/${conversationId}/messages`, {
    token: user.token, body: { content: 'Remember me?', client_message_id: 'phone-1' },
  });
  assert.equal(textOf(replay.events), 'Hello there friend');
  assert.equal(replay.events.at(-1)!.data.assistant_message.id, first.body.assistant_message.id);
});

test('a retry after the client_message_id claim expired still joins the stored message and charges once', async () => {
  const conversationId = await newConversation();
  const usedBefore = (await quotaStatus(chat.stack.infra, user.id)).used;
  const first = await send(conversationId, { content: 'Still there?', client_message_id: 'phone-2' });
  await chat.stack.infra.redis.del(chat.stack.infra.key('chat', 'cmid', conversationId, 'phone-2'));
  const again = await send(conversationId, { content: 'Still there?', client_message_id: 'phone-2' });
  assert.equal(again.status, 200, JSON.stringify(again.body));
  assert.equal(again.body.user_message.id, first.body.user_message.id);
  assert.equal(again.body.assistant_message.id, first.body.assistant_message.id);
  assert.equal(await Message.count({ where: { conversation_id: conversationId } }), 3);
  assert.equal((await quotaStatus(chat.stack.infra, user.id)).used, usedBefore + 1);
  const next = await send(conversationId, { content: 'And now?' });
  assert.equal(next.status, 200, 'the joined retry left the conversation free');
});

test('concurrent retries of one client_message_id make one message, one charge, and all join its stream', async () => {
  const conversationId = await newConversation();
  const usedBefore = (await quotaStatus(chat.stack.infra, user.id)).used;
  const attempts = await Promise.all(
    [0, 1, 2].map(() => sse(chat.stack.url, 'POST', `/v1/conversations/${conversationId}/messages`, {
      token: user.token, body: { content: 'Same tap, three times', client_message_id: 'tap-1' },
    })),
  );
  for (const attempt of attempts) {
    assert.equal(attempt.status, 200, JSON.stringify(attempt.body));
    assert.equal(textOf(attempt.events), 'Hello there friend');
  }
  assert.equal(new Set(attempts.map((attempt) => attempt.events[0]!.data.generation_id)).size, 1);
  assert.equal(await Message.count({ where: { conversation_id: conversationId } }), 3);
  assert.equal((await quotaStatus(chat.stack.infra, user.id)).used, usedBefore + 1);
});

test('a different message while a reply is generating is 409 with the running generation, and not charged', async () => {
  const conversationId = await newConversation();
  chat.openai.queue.push({ deltas: ['slow', ' reply'], firstChunkDelayMs: 600 });
  const running = sse(chat.stack.url, 'POST', `/v1/conversations/${conversationId}/messages`, { token: user.token, body: { content: 'first' } });
  await new Promise((resolve) => setTimeout(resolve, 250));
  const usedBefore = (await quotaStatus(chat.stack.infra, user.id)).used;
  const second = await send(conversationId, { content: 'second', client_message_id: 'other' });
  assert.equal(second.status, 409);
  assert.equal(second.body.error.code, 'conflict');
  const first = await running;
  assert.equal(second.body.error.details.generation_id, first.events[0]!.data.generation_id);
  assert.equal((await quotaStatus(chat.stack.infra, user.id)).used, usedBefore);
  assert.equal(await Message.count({ where: { conversation_id: conversationId, content: 'second' } }), 0);
});

test('bad input is 422 and writes nothing', async () => {
  const conversationId = await newConversation();
  for (const body of [{ content: '' }, { content: 'x'.repeat(4001) }, { content: 'hi', extra: true }, {}]) {
    const response = await send(conversationId, body);
    assert.equal(response.status, 422, JSON.stringify(body));
    assert.equal(response.body.error.code, 'validation_failed');
  }
  assert.equal(await Message.count({ where: { conversation_id: conversationId } }), 1);
});
