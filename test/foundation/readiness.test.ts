import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { http } from '../helpers/http.js';
import { startStack, type TestStack } from '../helpers/stack.js';

let stack: TestStack;
before(async () => {
  // Nothing listens on port 1: Redis is unreachable from the start.
  stack = await startStack({ pools: [], env: { REDIS_URL: 'redis://127.0.0.1:1/0' } });
});
after(() => stack.close());

test('/readyz answers 503 naming Redis when Redis is unreachable', async () => {
  const response = await http(stack.url, 'GET', '/readyz');
  assert.equal(response.status, 503);
  assert.equal(response.body.error.code, 'unavailable');
  assert.match(response.body.error.message, /redis/);
  assert.equal(response.body.error.details.redis, 'down');
  assert.equal(response.body.error.details.mysql, 'ok');
  assert.equal(response.body.error.details.nats, 'ok');
  assert.equal(response.body.error.details.llm_workers, 0);
});

test('/healthz stays 200 while a dependency is down', async () => {
  assert.equal((await http(stack.url, 'GET', '/healthz')).status, 200);
});
