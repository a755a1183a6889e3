import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Conversation } from '../../shared/db/models/index.js';
import { addCharacter, startChatStack, type ChatStack } from '../helpers/chat.js';
import { http } from '../helpers/http.js';
import { signUp } from '../helpers/users.js';

let chat: ChatStack;
before(async () => {
  chat = await startChatStack({ pools: ['quota'], env: { FREE_MAX_ACTIVE_CONVERSATIONS: '2' } });
});
after(() => chat.close());

test('10 concurrent opens with 10 characters: a free user (limit 2) gets exactly 2, the rest 402', async () => {
  const user = await signUp(chat.stack);
  const characters = await Promise.all(Array.from({ length: 10 }, () => addCharacter(chat.stack)));
  const answers = await Promise.all(characters.map((character) =>
    http(chat.stack.url, 'POST', '/v1/conversations', { token: user.token, body: { character_id: character.id } })));
  const statuses = answers.map((answer) => answer.status).sort();
  assert.deepEqual(statuses, [201, 201, 402, 402, 402, 402, 402, 402, 402, 402]);
  assert.equal(await Conversation.count({ where: { user_id: user.id, status: 'active' } }), 2);
  const refused = answers.find((answer) => answer.status === 402)!;
  assert.equal(refused.body.error.code, 'pro_required');
  assert.equal(refused.body.error.details.active_conversation_ids.length, 2);
});

test('concurrent opens with the same character stop at the limit too', async () => {
  const user = await signUp(chat.stack);
  const character = await addCharacter(chat.stack);
  const answers = await Promise.all(Array.from({ length: 6 }, () =>
    http(chat.stack.url, 'POST', '/v1/conversations', { token: user.token, body: { character_id: character.id } })));
  assert.deepEqual(answers.map((answer) => answer.status).sort(), [201, 201, 402, 402, 402, 402]);
  assert.equal(await Conversation.count({ where: { user_id: user.id } }), 2);
});
