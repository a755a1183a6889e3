import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Message } from '../../shared/db/models/index.js';
import { addCharacter, sse, startChatStack, textOf, tokensOf, type ChatStack } from '../helpers/chat.js';
import { http } from '../helpers/http.js';
import { signUp, type TestUser } from '../helpers/users.js';

let chat: ChatStack;
let user: TestUser;
let stranger: TestUser;

const deltas = ['Ek', ' baar', ' ki', ' baat', ' hai,', ' Pune', ' mein', '...'];

before(async () => {
  chat = await startChatStack({ script: { deltas, gapMs: 120 } });
  [user, stranger] = await Promise.all([signUp(chat.stack, { plan: 'pro' }), signUp(chat.stack)]);
});
after(() => chat.close());

async function conversation(): Promise<string> {
  const character = await addCharacter(chat.stack);
  return (await http(chat.stack.url, 'POST', '/v1/conversations', { token: user.token, body: { character_id: character.id } })).body.id;
}

test('a dropped client resumes from Last-Event-ID on another edge; the generation ran on', async () => {
  const conversationId = await conversation();
  const first = await sse(chat.stack.url, 'POST', `/v1/conversations/${conversationId}/messages`, {
    token: user.token, body: { content: 'kahani sunao na' }, stopWhen: (events) => tokensOf(events).length >= 2,
  });
  const generationId = first.events[0]!.data.generation_id;
  const seen = tokensOf(first.events);
  assert.deepEqual(seen.map((event) => event.id), ['1', '2']);

  const other = await chat.stack.addEdge();
  const resumed = await sse(`http://127.0.0.1:${other.port}`, 'GET', `/v1/generations/${generationId}/stream`, {
    token: user.token, headers: { 'last-event-id': '2' },
  });
  assert.equal(resumed.status, 200);
  assert.equal(resumed.events[0]!.event, 'token', 'a resume carries no second ack');
  assert.deepEqual(tokensOf(resumed.events).map((event) => Number(event.id)), [3, 4, 5, 6, 7, 8]);
  assert.equal(textOf(first.events) + textOf(resumed.events), deltas.join(''));
  const done = resumed.events.at(-1)!;
  assert.equal(done.event, 'done');
  assert.equal(done.data.assistant_message.content, deltas.join(''));

  const full = await sse(chat.stack.url, 'GET', `/v1/generations/${generationId}/stream`, { token: user.token });
  assert.equal(full.events[0]!.event, 'ack');
  assert.equal(textOf(full.events), deltas.join(''), 'a finished generation replays whole');
});

test('cancel answers 202 and the stream ends with done and a partial reply', async () => {
  const conversationId = await conversation();
  let cancelled: Promise<unknown> | null = null;
  const response = await sse(chat.stack.url, 'POST', `/v1/conversations/${conversationId}/messages`, {
    token: user.token,
    body: { content: 'tell me a long story' },
    stopWhen: (events) => {
      if (!cancelled && tokensOf(events).length === 2) {
        cancelled = http(chat.stack.url, 'POST', `/v1/generations/${events[0]!.data.generation_id}/cancel`, { token: user.token }).then((res) => {
          assert.equal(res.status, 202);
          assert.equal(res.body.status, 'cancelling');
        });
      }
      return false;
    },
  });
  await cancelled;
  const done = response.events.at(-1)!;
  assert.equal(done.event, 'done');
  assert.equal(done.data.assistant_message.status, 'partial');
  assert.ok(tokensOf(response.events).length < deltas.length);
  assert.equal(done.data.assistant_message.content, textOf(response.events));
  const stored = await Message.findByPk(done.data.assistant_message.id);
  assert.equal(stored!.status, 'partial');
  const next = await http(chat.stack.url, 'POST', `/v1/conversations/${conversationId}/messages`, { token: user.token, body: { content: 'ok, next' } });
  assert.equal(next.status, 200, 'a cancelled generation frees the conversation');
});

test('cancelling a reply that already ended says how it ended and changes nothing', async () => {
  const conversationId = await conversation();
  const sent = await http(chat.stack.url, 'POST', `/v1/conversations/${conversationId}/messages`, { token: user.token, body: { content: 'hi' } });
  assert.equal(sent.status, 200);
  const generationId = (await Message.findByPk(sent.body.user_message.id))!.generation_id!;
  const late = await http(chat.stack.url, 'POST', `/v1/generations/${generationId}/cancel`, { token: user.token });
  assert.equal(late.status, 202);
  assert.deepEqual(late.body, { generation_id: generationId, status: 'complete' });
  assert.equal((await Message.findByPk(sent.body.assistant_message.id))!.status, 'complete');
});

test('another user\'s generation is 404; a malformed Last-Event-ID is 400; no token is 401', async () => {
  const conversationId = await conversation();
  const sent = await http(chat.stack.url, 'POST', `/v1/conversations/${conversationId}/messages`, { token: user.token, body: { content: 'hi' } });
  const generationId = (await Message.findByPk(sent.body.user_message.id))!.generation_id!;
  const stream = await http(chat.stack.url, 'GET', `/v1/generations/${generationId}/stream`, { token: stranger.token });
  assert.equal(stream.status, 404);
  assert.equal(stream.body.error.code, 'not_found');
  assert.equal((await http(chat.stack.url, 'POST', `/v1/generations/${generationId}/cancel`, { token: stranger.token })).status, 404);
  assert.equal((await http(chat.stack.url, 'GET', `/v1/generations/${generationId}/stream`)).status, 401);
  assert.equal((await http(chat.stack.url, 'GET', '/v1/generations/nope/stream', { token: user.token })).status, 404);
  const malformed = await http(chat.stack.url, 'GET', `/v1/generations/${generationId}/stream`, { token: user.token, headers: { 'last-event-id': 'abc' } });
  assert.equal(malformed.status, 400);
  assert.equal(malformed.body.error.code, 'bad_request');
});
