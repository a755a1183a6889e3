import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import { restoreConversation } from '../../shared/archive/conversation-archive.js';
import { Conversation, Message, MessageArchive } from '../../shared/db/models/index.js';
import { jobs } from '../../workers/archival/jobs/index.js';
import { addMessages, makeCharacter, makeConversation, makeUser } from '../helpers/chat-rows.js';
import { startStack, type TestStack } from '../helpers/stack.js';

let stack: TestStack;
before(async () => {
  stack = await startStack({ pools: [], edge: false, env: { ARCHIVE_AFTER_DAYS: '90' } });
});
after(() => stack.close());

const DAY = 24 * 60 * 60 * 1000;
const snapshot = async (conversationId: string) =>
  (await Message.findAll({ where: { conversation_id: conversationId }, order: [['created_at', 'ASC'], ['id', 'ASC']] })).map((message) =>
    JSON.stringify(message.get({ plain: true })),
  );

test('idle conversations are archived into one gzip row, read back byte-exact, and a rerun changes nothing', async () => {
  stack.clock.set('2026-11-24T06:00:00Z');
  const now = stack.clock.now().getTime();
  const user = await makeUser();
  const character = await makeCharacter();
  const idle = await makeConversation(user.id, character.id, 'hi');
  const recent = await makeConversation(user.id, character.id, 'ta');
  await addMessages(idle, [
    { role: 'user', content: 'नमस्ते! आज मेरा इंटरव्यू है 😬🙏🏽', at: new Date(now - 120 * DAY) },
    { role: 'assistant', content: 'ऑल द बेस्ट! तुम ज़रूर अच्छा करोगे 💪✨', at: new Date(now - 120 * DAY + 1500), prompt_tokens: 120, completion_tokens: 30 },
    { role: 'user', content: 'धन्यवाद दोस्त ❤️‍🔥', at: new Date(now - 91 * DAY) },
  ]);
  await addMessages(recent, [{ role: 'user', content: 'வணக்கம் 🌸', at: new Date(now - 2 * DAY) }]);
  const before = await snapshot(idle.id);

  const result = await jobs.archival.run(stack.infra, {});
  assert.deepEqual(result, { conversations: 1, messages: 3 });
  assert.equal(await Message.count({ where: { conversation_id: idle.id } }), 0, 'hot table no longer holds them');
  assert.equal(await Message.count({ where: { conversation_id: recent.id } }), 1, 'recent conversation untouched');
  const archive = await MessageArchive.findByPk(idle.id);
  assert.ok(archive);
  assert.equal(archive.message_count, 3);
  assert.equal(JSON.parse(gunzipSync(archive.payload).toString('utf8')).length, 3);
  assert.ok((await Conversation.findByPk(idle.id))?.archived_at);

  assert.deepEqual(await jobs.archival.run(stack.infra, {}), { conversations: 0, messages: 0 }, 'idempotent');

  assert.equal(await restoreConversation(stack.infra, idle.id), 3);
  assert.deepEqual(await snapshot(idle.id), before, 'byte-exact after restore');
  assert.equal(await MessageArchive.count({ where: { conversation_id: idle.id } }), 0);
  assert.equal((await Conversation.findByPk(idle.id))?.archived_at, null);
  assert.equal(await restoreConversation(stack.infra, idle.id), 0, 'restoring twice is a no-op');
});

test('a conversation still generating a reply is left alone', async () => {
  stack.clock.set('2026-11-24T06:00:00Z');
  const user = await makeUser();
  const conversation = await makeConversation(user.id, (await makeCharacter()).id);
  const [message] = await addMessages(conversation, [{ role: 'user', content: 'hello', at: new Date(stack.clock.now().getTime() - 200 * DAY) }]);
  await message!.update({ status: 'generating' });
  await jobs.archival.run(stack.infra, {});
  assert.equal(await Message.count({ where: { conversation_id: conversation.id } }), 1);
  assert.equal(await MessageArchive.count({ where: { conversation_id: conversation.id } }), 0);
});
