import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { publishGenerationEvent } from '../../shared/chat/generation-events.js';
import { rejoinGeneration, watchGeneration, type GenerationWatch, type WatchedEvent } from '../../shared/chat/generation-feed.js';
import { Message } from '../../shared/db/models/index.js';
import { newId } from '../../shared/ids.js';
import { encodeJson } from '../../shared/rpc.js';
import type { GenerationEvent } from '../../shared/subjects.js';
import { addCharacter } from '../helpers/chat.js';
import { http } from '../helpers/http.js';
import { startStack, type TestStack } from '../helpers/stack.js';
import { signUp } from '../helpers/users.js';

let stack: TestStack;

before(async () => {
  stack = await startStack({ pools: ['quota'] });
});
after(() => stack.close());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A watch's events as they are handed over, and the first ending. */
function follow(watch: GenerationWatch) {
  const events: WatchedEvent[] = [];
  const ended = new Promise<WatchedEvent>((resolve, reject) => {
    watch.follow({
      event: (event) => {
        events.push(event);
        if (event.type !== 'token') resolve(event);
      },
      failed: reject,
    });
  });
  return { events, ended };
}

/** Core publishes (no JetStream acknowledgement), so the connection's inbound count is the deliveries alone. */
async function publishLive(generationId: string, event: GenerationEvent): Promise<void> {
  stack.infra.nc.publish(stack.infra.subjects.generation.events(generationId).subject, encodeJson(event));
  await stack.infra.nc.flush();
}

async function deliveriesDuring(work: () => Promise<void>): Promise<number> {
  const before = stack.infra.nc.stats().inMsgs;
  await work();
  await sleep(100);
  return stack.infra.nc.stats().inMsgs - before;
}

test('every watch of a generation gets each event from one subscription, which closes with the last watch', async () => {
  const generationId = newId();
  const first = watchGeneration(stack.infra, generationId);
  const second = watchGeneration(stack.infra, generationId);
  await publishLive(generationId, { type: 'token', seq: 1, delta: 'Namaste' });
  const early = follow(first);
  const late = follow(second);

  const delivered = await deliveriesDuring(async () => {
    await publishLive(generationId, { type: 'heartbeat', at: new Date().toISOString() });
    await publishLive(generationId, { type: 'token', seq: 2, delta: ' ji' });
  });
  assert.equal(delivered, 2, 'one delivery per event, however many watch');
  assert.deepEqual(early.events.map((event) => event.type === 'token' && event.delta), ['Namaste', ' ji'], 'events before follow are kept; heartbeats are not handed over');
  assert.deepEqual(late.events, early.events);

  first.close();
  second.close();
  assert.equal(await deliveriesDuring(() => publishLive(generationId, { type: 'token', seq: 3, delta: '!' })), 0, 'no subscription is left');
});

test('a rejoined generation starts with what JetStream stored, then follows live without repeating a token', async () => {
  const generationId = newId();
  await publishGenerationEvent(stack.infra, generationId, { type: 'token', seq: 1, delta: 'Ek' });
  await publishGenerationEvent(stack.infra, generationId, { type: 'token', seq: 2, delta: ' baar' });
  const watch = rejoinGeneration(stack.infra, generationId);
  const followed = follow(watch);
  await publishGenerationEvent(stack.infra, generationId, { type: 'token', seq: 3, delta: ' ki' });
  const done: GenerationEvent = { type: 'error', code: 'upstream_error', message: 'stopped' };
  await publishGenerationEvent(stack.infra, generationId, done);
  assert.deepEqual(await followed.ended, done);
  assert.deepEqual(followed.events.map((event) => (event.type === 'token' ? event.seq : event.type)), [1, 2, 3, 'error']);
  watch.close();
});

test('a worker gone silent ends every watch with one ending: the reply is failed once, not once per client', async () => {
  const user = await signUp(stack, { plan: 'pro' });
  const character = await addCharacter(stack);
  const conversation = await http(stack.url, 'POST', '/v1/conversations', { token: user.token, body: { character_id: character.id } });
  const generationId = newId();
  await Message.create({
    id: newId(), conversation_id: conversation.body.id, role: 'assistant', content: '', language: 'en',
    status: 'generating', generation_id: generationId, created_at: stack.clock.now(),
  });
  const watches = [watchGeneration(stack.infra, generationId), watchGeneration(stack.infra, generationId)];
  const followed = watches.map(follow);

  for (let beat = 0; beat < 4; beat += 1) {
    await publishLive(generationId, { type: 'heartbeat', at: new Date().toISOString() });
    await sleep(1000);
  }
  assert.ok(followed.every(({ events }) => events.length === 0), 'heartbeats keep the generation alive');

  const endings = await Promise.all(followed.map(({ ended }) => ended));
  assert.equal(endings[0]!.type, 'error');
  assert.equal(endings[0]!.type === 'error' && endings[0]!.code, 'unavailable');
  assert.deepEqual(endings[1], endings[0], 'both clients hear the same ending');
  assert.equal((await Message.findOne({ where: { generation_id: generationId } }))!.status, 'failed');
  for (const watch of watches) watch.close();
});
