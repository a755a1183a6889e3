import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Message } from '../../shared/db/models/index.js';
import { addCharacter, sse, startChatStack, textOf, tokensOf, type ChatStack } from '../helpers/chat.js';
import { http } from '../helpers/http.js';
import { signUp, type TestUser } from '../helpers/users.js';

let chat: ChatStack;
let user: TestUser;
let conversationId: string;

before(async () => {
  chat = await startChatStack({ script: { deltas: ['Namaste', ' Priya! Aaj', ' kaisa din raha?'], gapMs: 20, usage: { prompt_tokens: 42, completion_tokens: 9 } } });
  user = await signUp(chat.stack, { displayName: 'Priya' });
  const character = await addCharacter(chat.stack);
  const created = await http(chat.stack.url, 'POST', '/v1/conversations', { token: user.token, body: { character_id: character.id, language: 'hi' } });
  assert.equal(created.status, 201);
  conversationId = created.body.id;
});
after(() => chat.close());

test('a message streams ack, tokens 1..n and done; the deltas are the stored reply with its usage', async () => {
  const response = await sse(chat.stack.url, 'POST', `/v1/conversations/${conversationId}/messages`, {
    token: user.token, body: { content: 'aaj ka din kaisa tha yaar?' },
  });
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /text\/event-stream/);
  assert.ok(response.headers.get('x-quota-limit'));
  assert.ok(response.headers.get('x-quota-remaining'));
  assert.ok(response.headers.get('x-quota-reset'));

  const names = response.events.map((event) => event.event);
  assert.deepEqual(names, ['ack', 'token', 'token', 'token', 'done']);
  const [ack] = response.events;
  assert.equal(ack!.data.user_message.content, 'aaj ka din kaisa tha yaar?');
  assert.equal(ack!.data.user_message.language, 'hi-Latn');
  assert.ok(ack!.data.generation_id);
  assert.deepEqual(tokensOf(response.events).map((event) => event.id), ['1', '2', '3']);

  const done = response.events.at(-1)!.data;
  assert.equal(done.assistant_message.content, textOf(response.events));
  assert.equal(done.assistant_message.content, 'Namaste Priya! Aaj kaisa din raha?');
  assert.equal(done.assistant_message.status, 'complete');
  assert.deepEqual(done.usage, { prompt_tokens: 42, completion_tokens: 9 });
  assert.equal(typeof done.quota.remaining, 'number');

  const stored = await Message.findByPk(done.assistant_message.id);
  assert.equal(stored!.content, 'Namaste Priya! Aaj kaisa din raha?');
  assert.equal(stored!.status, 'complete');
  assert.equal(stored!.prompt_tokens, 42);
  assert.equal(stored!.completion_tokens, 9);

  const request = chat.openai.requests.at(-1)!;
  assert.equal(request.stream, true);
  assert.deepEqual(request.stream_options, { include_usage: true });
  assert.equal(request.model, chat.stack.config.LLM_MODEL_FREE);
  assert.match(request.messages[0].content, /Hinglish/);
  assert.match(request.messages[0].content, /Priya/);

  const history = await http(chat.stack.url, 'GET', `/v1/conversations/${conversationId}/messages`, { token: user.token });
  assert.deepEqual(history.body.items.map((message: any) => message.role), ['assistant', 'user', 'assistant']);
  assert.equal(history.body.items[0].content, 'नमस्ते Priya, मैं मीरा हूँ!');
  assert.deepEqual(history.body.items[2].usage, { prompt_tokens: 42, completion_tokens: 9 });

  const conversation = await http(chat.stack.url, 'GET', `/v1/conversations/${conversationId}`, { token: user.token });
  assert.equal(conversation.body.message_count, 3);
  assert.equal(conversation.body.last_message_preview, 'Namaste Priya! Aaj kaisa din raha?');
});

test('a profile edit reaches the next prompt at once: the llm pool does not keep the old name', async () => {
  const lastSystemText = () => JSON.stringify(chat.openai.requests.at(-1)!.messages.filter((message: { role: string }) => message.role === 'system'));
  const first = await sse(chat.stack.url, 'POST', `/v1/conversations/${conversationId}/messages`, { token: user.token, body: { content: 'Hi again' } });
  assert.equal(first.events.at(-1)!.event, 'done');
  assert.match(lastSystemText(), /Priya/);

  const renamed = await http(chat.stack.url, 'PATCH', '/v1/me', { token: user.token, body: { display_name: 'Anjali', interests: ['cricket'] } });
  assert.equal(renamed.status, 200);
  const second = await sse(chat.stack.url, 'POST', `/v1/conversations/${conversationId}/messages`, { token: user.token, body: { content: 'Guess my name' } });
  assert.equal(second.events.at(-1)!.event, 'done');
  assert.match(lastSystemText(), /Anjali/);
  assert.doesNotMatch(lastSystemText(), /Priya/);
  assert.match(lastSystemText(), /Cricket/);
});

test('Accept is negotiated as HTTP says: case-insensitive, and q=0 or a preferred JSON gets JSON', async () => {
  const send = (accept: string) =>
    fetch(`${chat.stack.url}/v1/conversations/${conversationId}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${user.token}`, 'content-type': 'application/json', accept },
      body: JSON.stringify({ content: `Accept ${accept}` }),
    });
  for (const [accept, type] of [
    ['TEXT/EVENT-STREAM', 'text/event-stream'],
    ['text/event-stream;q=0', 'application/json'],
    ['application/json, text/event-stream;q=0.5', 'application/json'],
  ]) {
    const response = await send(accept!);
    assert.equal(response.status, 200, accept);
    assert.ok(response.headers.get('content-type')?.startsWith(type!), `${accept} → ${response.headers.get('content-type')}`);
    await response.text();
  }
});
