import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { User } from '../../shared/db/models/index.js';
import { http, type JsonResponse } from '../helpers/http.js';
import { startStack, type TestStack } from '../helpers/stack.js';

const wrongLogin = (stack: TestStack, headers: Record<string, string> = {}) =>
  http(stack.url, 'POST', '/v1/auth/login', { body: { email: 'nobody@example.test', password: 'not the password' }, headers });

function assertRateLimited(response: JsonResponse): void {
  assert.equal(response.status, 429);
  assert.equal(response.body.error.code, 'rate_limited');
  assert.equal(typeof response.body.error.request_id, 'string');
  const retryAfter = Number(response.headers.get('retry-after'));
  assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
}

describe('per-IP limit on every route (API_PER_MINUTE)', () => {
  let stack: TestStack;
  before(async () => {
    stack = await startStack({ pools: [], env: { API_PER_MINUTE: '5' } });
  });
  after(async () => {
    await stack.close();
  });

  it('answers 429 rate_limited with Retry-After past the limit, and spares the probes', async () => {
    for (let index = 0; index < 5; index += 1) {
      assert.equal((await http(stack.url, 'GET', '/openapi.json')).status, 200);
    }
    assertRateLimited(await http(stack.url, 'GET', '/openapi.json'));
    assertRateLimited(await http(stack.url, 'GET', '/v1/me/usage'));
    assert.equal((await http(stack.url, 'GET', '/healthz')).status, 200);
    assert.equal((await http(stack.url, 'GET', '/metrics')).status, 200);
  });

  it('answers 429 before whatever else is wrong with a request past the limit', async () => {
    assertRateLimited(await http(stack.url, 'POST', '/v1/conversations', { raw: '{not json', headers: { 'content-type': 'application/json' } }));
    assertRateLimited(await http(stack.url, 'POST', '/v1/conversations', { body: { character_id: 42 } }));
    assertRateLimited(await http(stack.url, 'GET', '/v1/no-such-route'));
    assertRateLimited(await http(stack.url, 'GET', '/v1/me', { token: 'not-a-token' }));
  });

  it('writes nothing for a valid request past the limit', async () => {
    const users = await User.count();
    const signUp = { email: 'late@example.test', password: 'a long enough password', display_name: 'Late', age_confirmed: true };
    assertRateLimited(await http(stack.url, 'POST', '/v1/auth/signup', { body: signUp }));
    assert.equal(await User.count(), users);
  });
});

describe('per-IP brute-force limit on /v1/auth/* (AUTH_PER_MINUTE)', () => {
  let stack: TestStack;
  before(async () => {
    stack = await startStack({ pools: [], env: { AUTH_PER_MINUTE: '10' } });
  });
  after(async () => {
    await stack.close();
  });

  it('lets 10 logins through and refuses the 11th, whatever X-Forwarded-For says', async () => {
    for (let index = 0; index < 10; index += 1) {
      const response = await wrongLogin(stack, { 'X-Forwarded-For': `203.0.113.${index}` });
      assert.equal(response.status, 401);
      assert.equal(response.body.error.code, 'invalid_credentials');
    }
    assertRateLimited(await wrongLogin(stack, { 'X-Forwarded-For': '198.51.100.7' }));
    assert.equal((await http(stack.url, 'GET', '/openapi.json')).status, 200, 'other routes keep their own limit');
  });
});

describe('per-IP limits behind a trusted proxy (TRUST_PROXY)', () => {
  let stack: TestStack;
  before(async () => {
    stack = await startStack({ pools: [], env: { AUTH_PER_MINUTE: '2', TRUST_PROXY: '1' } });
  });
  after(async () => {
    await stack.close();
  });

  it('counts each client address from X-Forwarded-For on its own', async () => {
    const first = { 'X-Forwarded-For': '203.0.113.10' };
    assert.equal((await wrongLogin(stack, first)).status, 401);
    assert.equal((await wrongLogin(stack, first)).status, 401);
    assertRateLimited(await wrongLogin(stack, first));
    assert.equal((await wrongLogin(stack, { 'X-Forwarded-For': '203.0.113.11' })).status, 401);
  });

  it('trusts only the address the proxy appended, not ones the client put before it', async () => {
    const client = '203.0.113.20';
    assert.equal((await wrongLogin(stack, { 'X-Forwarded-For': client })).status, 401);
    assert.equal((await wrongLogin(stack, { 'X-Forwarded-For': `198.51.100.1, ${client}` })).status, 401);
    assertRateLimited(await wrongLogin(stack, { 'X-Forwarded-For': `198.51.100.2, ${client}` }));
  });
});
