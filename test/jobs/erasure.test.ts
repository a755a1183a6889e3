import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Conversation, Message, User } from '../../shared/db/models/index.js';
import { jobs } from '../../workers/archival/jobs/index.js';
import { addMessages, makeCharacter, makeConversation, makeUser } from '../helpers/chat-rows.js';
import { startStack, type TestStack } from '../helpers/stack.js';

let stack: TestStack;
before(async () => {
  stack = await startStack({ pools: [], edge: false });
});
after(() => stack.close());

test('the hourly sweep erases the content of closed accounts whose erasure job never ran, and only theirs', async () => {
  const character = await makeCharacter();
  const closed = await makeUser();
  const open = await makeUser();
  const closedChat = await makeConversation(closed.id, character.id);
  const openChat = await makeConversation(open.id, character.id);
  await addMessages(closedChat, [{ role: 'user', content: 'मेरा राज़', at: new Date() }]);
  await addMessages(openChat, [{ role: 'user', content: 'hello', at: new Date() }]);
  await User.update({ deleted_at: new Date(), email: null }, { where: { id: closed.id } });

  assert.deepEqual(await jobs.erasure.run(stack.infra, {}), { accounts: 1, conversations: 1 });
  assert.equal(await Conversation.count({ where: { user_id: closed.id } }), 0);
  assert.equal(await Message.count({ where: { conversation_id: closedChat.id } }), 0);
  assert.equal(await Message.count({ where: { conversation_id: openChat.id } }), 1, 'an open account keeps its history');
  assert.deepEqual(await jobs.erasure.run(stack.infra, {}), { accounts: 0, conversations: 0 }, 'idempotent');
});

test('a job naming an account that is still open erases nothing', async () => {
  const user = await makeUser();
  const chat = await makeConversation(user.id, (await makeCharacter()).id);
  await addMessages(chat, [{ role: 'user', content: 'still here', at: new Date() }]);
  assert.deepEqual(await jobs.erasure.run(stack.infra, { user_id: user.id }), { accounts: 1, conversations: 0 });
  assert.equal(await Message.count({ where: { conversation_id: chat.id } }), 1);
});
