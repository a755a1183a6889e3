import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addCharacter, sse } from '../helpers/chat.js';
import { http } from '../helpers/http.js';
import { startStack, type TestStack } from '../helpers/stack.js';
import { signUp } from '../helpers/users.js';

let offline: TestStack;

before(async () => {
  offline = await startStack();
});
after(() => offline.close());

test('without OPENAI_API_KEY the offline stand-in streams a labelled reply in the conversation\'s language', async () => {
  const user = await signUp(offline);
  const character = await addCharacter(offline);
  const created = await http(offline.url, 'POST', '/v1/conversations', { token: user.token, body: { character_id: character.id, language: 'ta' } });
  const response = await sse(offline.url, 'POST', `/v1/conversations/${created.body.id}/messages`, { token: user.token, body: { content: '👋' } });
  assert.deepEqual([...new Set(response.events.map((event) => event.event))], ['ack', 'token', 'done']);
  const reply = response.events.at(-1)!.data.assistant_message;
  assert.equal(reply.language, 'ta');
  assert.match(reply.content, /^\[ஆஃப்லைன் டெமோ பதில்/);
  const ready = await http(offline.url, 'GET', '/readyz');
  assert.equal(ready.body.llm_mode, 'offline');
});
