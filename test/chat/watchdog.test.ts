import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Message } from '../../shared/db/models/index.js';
import { newId } from '../../shared/ids.js';
import { quotaStatus, reserveMessage } from '../../shared/quota/client.js';
import { aliveKey } from '../../workers/llm/generation/publisher.js';
import { sweepDeadGenerations } from '../../workers/llm/generation/watchdog.js';
import { addCharacter } from '../helpers/chat.js';
import { http } from '../helpers/http.js';
import { startStack, type TestStack } from '../helpers/stack.js';
import { signUp } from '../helpers/users.js';

let stack: TestStack;

before(async () => {
  stack = await startStack({ pools: ['quota'] });
});
after(() => stack.close());

test('generations whose worker died with nobody listening are failed and refunded; live ones are left alone', async () => {
  const user = await signUp(stack, { plan: 'pro' });
  const character = await addCharacter(stack);
  const created = await http(stack.url, 'POST', '/v1/conversations', { token: user.token, body: { character_id: character.id } });
  const longAgo = new Date(stack.clock.now().getTime() - 60_000);
  const usedBefore = (await quotaStatus(stack.infra, user.id)).used;

  const [dead, alive] = [newId(), newId()];
  for (const generationId of [dead, alive]) {
    await reserveMessage(stack.infra, user.id, generationId);
    await Message.create({
      id: newId(), conversation_id: created.body.id, role: 'assistant', content: '', language: 'en',
      status: 'generating', generation_id: generationId, created_at: longAgo,
    });
  }
  await stack.infra.redis.set(aliveKey(stack.infra, alive), '1', 'PX', 5000);

  assert.equal(await sweepDeadGenerations(stack.infra), 1);
  assert.equal((await Message.findOne({ where: { generation_id: dead } }))!.status, 'failed');
  assert.equal((await Message.findOne({ where: { generation_id: alive } }))!.status, 'generating');
  assert.equal((await quotaStatus(stack.infra, user.id)).used, usedBefore + 1, 'only the live generation stays charged');
  assert.equal(await sweepDeadGenerations(stack.infra), 0, 'a failed generation is not failed twice');
});
