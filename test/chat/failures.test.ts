import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { after, before, test } from 'node:test';
import { Message } from '../../shared/db/models/index.js';
import { quotaStatus } from '../../shared/quota/client.js';
import { countPool } from '../../workers/runtime.js';
import { addCharacter, sse, startChatStack, tokensOf, type ChatStack } from '../helpers/chat.js';
import { http } from '../helpers/http.js';
import { signUp, type TestUser } from '../helpers/users.js';

/** Everything but the llm pool runs in-process; the llm worker is a real child process we can kill. */
let chat: ChatStack;
let user: TestUser;
let worker: ChildProcess | null = null;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function startWorkerProcess(): ChildProcess {
  const { config } = chat.stack;
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'test', LOG_LEVEL: 'silent',
    DATABASE_URL: config.DATABASE_URL, REDIS_URL: config.REDIS_URL, NATS_URL: config.NATS_URL,
    NATS_SUBJECT_PREFIX: config.NATS_SUBJECT_PREFIX, REDIS_KEY_PREFIX: config.REDIS_KEY_PREFIX,
    OPENAI_API_KEY: 'sk-test-fake', OPENAI_BASE_URL: chat.openai.baseUrl,
  };
  return spawn(process.execPath, ['--import', 'tsx', 'workers/main.ts', 'llm'], { env, stdio: 'ignore' });
}

before(async () => {
  chat = await startChatStack({ pools: ['quota'] });
  user = await signUp(chat.stack, { plan: 'pro' });
});
after(async () => {
  if (worker && worker.exitCode === null && worker.signalCode === null) {
    worker.kill('SIGKILL');
    await new Promise((resolve) => worker!.once('exit', resolve));
  }
  await chat.close();
});

async function conversation(): Promise<string> {
  const character = await addCharacter(chat.stack);
  return (await http(chat.stack.url, 'POST', '/v1/conversations', { token: user.token, body: { character_id: character.id } })).body.id;
}

test('with no llm worker the send is 503 unavailable at once, and nothing is charged or stored', async () => {
  const conversationId = await conversation();
  const usedBefore = (await quotaStatus(chat.stack.infra, user.id)).used;
  const started = Date.now();
  const response = await sse(chat.stack.url, 'POST', `/v1/conversations/${conversationId}/messages`, { token: user.token, body: { content: 'anyone there?' } });
  assert.equal(response.status, 503);
  assert.equal(response.body.error.code, 'unavailable');
  assert.ok(Date.now() - started < 2000);
  assert.equal((await quotaStatus(chat.stack.infra, user.id)).used, usedBefore);
  assert.equal(await Message.count({ where: { conversation_id: conversationId } }), 1);
  const retry = await http(chat.stack.url, 'POST', `/v1/conversations/${conversationId}/messages`, { token: user.token, body: { content: 'anyone there?' } });
  assert.equal(retry.status, 503, 'the refused turn left no lock behind');
});

test('an upstream 500 ends the stream with error; the reply is failed and the quota refunded', async () => {
  worker = startWorkerProcess();
  for (let waited = 0; (await countPool(chat.stack.infra, 'llm', 200)).length === 0; waited += 1) {
    assert.ok(waited < 100, 'the llm worker process did not come up');
    await sleep(100);
  }
  const conversationId = await conversation();
  const usedBefore = (await quotaStatus(chat.stack.infra, user.id)).used;
  chat.openai.queue.push({ status: 500 }, { status: 500 }, { status: 500 });
  const response = await sse(chat.stack.url, 'POST', `/v1/conversations/${conversationId}/messages`, { token: user.token, body: { content: 'hello' } });
  assert.deepEqual(response.events.map((event) => event.event), ['ack', 'error']);
  assert.equal(response.events[1]!.data.code, 'upstream_error');
  const reply = await Message.findOne({ where: { generation_id: response.events[0]!.data.generation_id, role: 'assistant' } });
  assert.equal(reply!.status, 'failed');
  assert.equal((await quotaStatus(chat.stack.infra, user.id)).used, usedBefore);

  chat.openai.queue.push({ status: 500 }, { status: 500 }, { status: 500 });
  const json = await http(chat.stack.url, 'POST', `/v1/conversations/${conversationId}/messages`, { token: user.token, body: { content: 'again' } });
  assert.equal(json.status, 502);
  assert.equal(json.body.error.code, 'upstream_error');
  const status = await quotaStatus(chat.stack.infra, user.id);
  assert.equal(status.used, usedBefore);
  assert.equal(json.headers.get('x-quota-remaining'), String(status.remaining), 'the header shows the message given back');
});

test('a worker killed mid-reply: the client gets error within 5 s, the reply is failed and not charged', async () => {
  assert.ok(worker, 'the previous test started the worker process');
  const conversationId = await conversation();
  const usedBefore = (await quotaStatus(chat.stack.infra, user.id)).used;
  chat.openai.queue.push({ deltas: Array.from({ length: 40 }, (_, index) => ` w${index}`), gapMs: 200 });
  let killedAt = 0;
  const response = await sse(chat.stack.url, 'POST', `/v1/conversations/${conversationId}/messages`, {
    token: user.token,
    body: { content: 'talk to me' },
    stopWhen: (events) => {
      if (!killedAt && tokensOf(events).length >= 2) {
        worker!.kill('SIGKILL');
        killedAt = Date.now();
      }
      return false;
    },
  });
  const last = response.events.at(-1)!;
  assert.equal(last.event, 'error');
  assert.match(last.data.code, /^(unavailable|upstream_error)$/);
  assert.ok(Date.now() - killedAt <= 5000, `error came ${Date.now() - killedAt} ms after the kill`);
  const reply = await Message.findOne({ where: { generation_id: response.events[0]!.data.generation_id, role: 'assistant' } });
  assert.equal(reply!.status, 'failed');
  assert.equal((await quotaStatus(chat.stack.infra, user.id)).used, usedBefore);
});
