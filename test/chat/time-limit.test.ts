import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Message } from '../../shared/db/models/index.js';
import { quotaStatus } from '../../shared/quota/client.js';
import { addCharacter, sse, startChatStack, tokensOf, type ChatStack } from '../helpers/chat.js';
import { http } from '../helpers/http.js';
import { signUp } from '../helpers/users.js';

/** A reply still streaming at LLM_TIMEOUT_MS is stopped: the turn fails and charges nothing. */
let chat: ChatStack;

before(async () => {
  chat = await startChatStack({
    script: { deltas: ['Ek', ' do', ' teen', ' char', ' paanch', ' chhe', ' saat', ' aath'], gapMs: 300 },
    env: { LLM_TIMEOUT_MS: '1000' },
  });
});
after(() => chat.close());

test('a reply that outlasts the time limit ends with upstream_error; the reply is failed, the quota refunded and the conversation free', async () => {
  const user = await signUp(chat.stack, { plan: 'pro' });
  const character = await addCharacter(chat.stack);
  const conversationId = (await http(chat.stack.url, 'POST', '/v1/conversations', { token: user.token, body: { character_id: character.id } })).body.id;

  const response = await sse(chat.stack.url, 'POST', `/v1/conversations/${conversationId}/messages`, { token: user.token, body: { content: 'Count slowly' } });
  const last = response.events.at(-1)!;
  assert.equal(last.event, 'error');
  assert.equal(last.data.code, 'upstream_error');
  assert.ok(tokensOf(response.events).length < 8, 'stopped before the model finished');
  const reply = await Message.findOne({ where: { generation_id: response.events[0]!.data.generation_id, role: 'assistant' } });
  assert.equal(reply!.status, 'failed');
  assert.equal((await quotaStatus(chat.stack.infra, user.id)).used, 0);

  chat.openai.queue.push({ deltas: ['Theek', ' hai'] });
  assert.equal((await http(chat.stack.url, 'POST', `/v1/conversations/${conversationId}/messages`, { token: user.token, body: { content: 'Quickly now' } })).status, 200);
});
