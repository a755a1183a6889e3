import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addCharacter, startChatStack, type ChatStack } from '../helpers/chat.js';
import { http } from '../helpers/http.js';
import { signUp } from '../helpers/users.js';

let chat: ChatStack;

before(async () => {
  chat = await startChatStack({ script: { deltas: ['Theek', ' hai'] } });
});
after(() => chat.close());

type PromptMessage = { role: string; content: string };

/** The conversation part of the last streamed prompt: its user and assistant messages. */
const lastPromptHistory = () =>
  chat.openai.requests.filter((request) => request.stream).at(-1)!.messages
    .filter((message: PromptMessage) => message.role !== 'system')
    .map((message: PromptMessage) => `${message.role}: ${message.content}`);

test('every stored message reaches the next prompts once, in order, whether the cached window was cold, warm or forgotten by a failed turn', async () => {
  const user = await signUp(chat.stack, { plan: 'pro' });
  const character = await addCharacter(chat.stack, { greeting: { en: 'Hello there!' } });
  const created = await http(chat.stack.url, 'POST', '/v1/conversations', { token: user.token, body: { character_id: character.id } });
  const send = (content: string) => http(chat.stack.url, 'POST', `/v1/conversations/${created.body.id}/messages`, { token: user.token, body: { content } });

  assert.equal((await send('first')).status, 200);
  assert.equal((await send('second')).status, 200);
  chat.openai.queue.push({ status: 500 }, { status: 500 }, { status: 500 });
  assert.equal((await send('third')).status, 502);
  assert.equal((await send('fourth')).status, 200);
  assert.deepEqual(lastPromptHistory(), [
    'assistant: Hello there!', 'user: first', 'assistant: Theek hai', 'user: second', 'assistant: Theek hai', 'user: third', 'user: fourth',
  ]);

  assert.equal((await send('fifth')).status, 200);
  assert.deepEqual(lastPromptHistory().slice(-4), ['user: third', 'user: fourth', 'assistant: Theek hai', 'user: fifth']);
  assert.equal((await send('sixth')).status, 200);
  assert.deepEqual(lastPromptHistory().slice(-5), ['user: fourth', 'assistant: Theek hai', 'user: fifth', 'assistant: Theek hai', 'user: sixth']);
});
