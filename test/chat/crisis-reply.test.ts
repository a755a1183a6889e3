import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addCharacter, sse, startChatStack, textOf, type ChatStack } from '../helpers/chat.js';
import { http } from '../helpers/http.js';
import type { TestStack } from '../helpers/stack.js';
import { signUp } from '../helpers/users.js';

let chat: ChatStack;

before(async () => {
  chat = await startChatStack({ script: { deltas: ['मैं', ' तुम्हारे', ' साथ', ' हूँ।'] } });
});
after(() => chat.close());

async function converse(stack: TestStack, language: string, content: string) {
  const user = await signUp(stack);
  const character = await addCharacter(stack);
  const created = await http(stack.url, 'POST', '/v1/conversations', { token: user.token, body: { character_id: character.id, language } });
  return sse(stack.url, 'POST', `/v1/conversations/${created.body.id}/messages`, { token: user.token, body: { content } });
}

test('a crisis message gets a caring reply with the Tele-MANAS helpline in the user\'s language', async () => {
  const response = await converse(chat.stack, 'en', 'मैं आत्महत्या के बारे में सोच रहा हूँ');
  const reply = response.events.at(-1)!.data.assistant_message;
  assert.equal(reply.language, 'hi');
  assert.match(reply.content, /14416/);
  assert.match(reply.content, /टेली-मानस/);
  assert.equal(textOf(response.events), reply.content);
  assert.match(chat.openai.requests.at(-1)!.messages[0].content, /possible crisis/);
});
