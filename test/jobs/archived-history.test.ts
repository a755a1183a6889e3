import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Conversation, MessageArchive } from '../../shared/db/models/index.js';
import { jobs } from '../../workers/archival/jobs/index.js';
import { addCharacter, startChatStack, type ChatStack } from '../helpers/chat.js';
import { http } from '../helpers/http.js';
import { signUp } from '../helpers/users.js';

let chat: ChatStack;
before(async () => {
  chat = await startChatStack({ env: { ARCHIVE_AFTER_DAYS: '1' } });
});
after(() => chat.close());

test('an archived conversation reads back transparently and can be written to again', async () => {
  const { stack } = chat;
  const user = await signUp(stack);
  const character = await addCharacter(stack);
  const opened = await http(stack.url, 'POST', '/v1/conversations', { token: user.token, body: { character_id: character.id, language: 'hi' } });
  const conversationId: string = opened.body.id;
  const sent = await http(stack.url, 'POST', `/v1/conversations/${conversationId}/messages`, {
    token: user.token, body: { content: 'नमस्ते मीरा! 🌼', client_message_id: 'first' },
  });
  assert.equal(sent.status, 200);
  const history = await http(stack.url, 'GET', `/v1/conversations/${conversationId}/messages`, { token: user.token });
  assert.equal(history.body.items.length, 3);

  const archiveNow = async () => {
    stack.clock.set(new Date(Date.now() + 3 * 24 * 60 * 60 * 1000));
    const result = await jobs.archival.run(stack.infra, {});
    stack.clock.release();
    return result;
  };
  assert.deepEqual(await archiveNow(), { conversations: 1, messages: 3 });
  assert.ok(await MessageArchive.findByPk(conversationId));

  const restored = await http(stack.url, 'GET', `/v1/conversations/${conversationId}/messages`, { token: user.token });
  assert.equal(restored.status, 200);
  assert.deepEqual(restored.body, history.body, 'the same history, byte for byte');
  assert.equal((await Conversation.findByPk(conversationId))?.archived_at, null);

  assert.equal((await archiveNow()).conversations, 1, 'idle again, archived again');
  const next = await http(stack.url, 'POST', `/v1/conversations/${conversationId}/messages`, {
    token: user.token, body: { content: 'फिर से मिलकर अच्छा लगा', client_message_id: 'second' },
  });
  assert.equal(next.status, 200);
  const after = await http(stack.url, 'GET', `/v1/conversations/${conversationId}/messages`, { token: user.token });
  assert.equal(after.body.items.length, 5, 'sending restored the history first, then added the new turn');
  assert.deepEqual(after.body.items.slice(0, 3), history.body.items);
});
