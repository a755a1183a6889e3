import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, test } from 'node:test';
import { z } from 'zod';
import { http } from '../helpers/http.js';
import { startStack, type TestStack } from '../helpers/stack.js';
import { signUp } from '../helpers/users.js';

let stack: TestStack;
before(async () => {
  stack = await startStack({ pools: ['llm'] });
  const api = stack.edge!.edge.api;
  api.add(
    {
      method: 'post', path: '/test/echo', summary: 'echo', tag: 'test', access: 'public',
      body: z.strictObject({ name: z.string().min(1) }), responses: { 200: { description: 'echo' } },
    },
    async (_ctx, { body }) => ({ name: body.name }),
  );
  api.add(
    { method: 'post', path: '/test/bodyless', summary: 'takes no body', tag: 'test', access: 'public', responses: { 200: { description: 'ok' } } },
    async () => ({ ok: true }),
  );
  api.add(
    { method: 'get', path: '/test/explode', summary: 'throws', tag: 'test', access: 'public', responses: {} },
    async () => {
      throw new Error("ER_PARSE_ERROR near 'SELECT password_hash FROM users' at /work/main/shared/secret.ts:12");
    },
  );
});
after(() => stack.close());

const assertEnvelope = (body: any, code: string) => {
  assert.equal(body.error.code, code);
  assert.equal(typeof body.error.message, 'string');
  assert.equal(typeof body.error.request_id, 'string');
  assert.deepEqual(Object.keys(body.error).sort(), ['code', 'details', 'message', 'request_id']);
};

test('400 for a body that is not JSON', async () => {
  const response = await http(stack.url, 'POST', '/test/echo', { raw: '{"name":', headers: { 'content-type': 'application/json' } });
  assert.equal(response.status, 400);
  assertEnvelope(response.body, 'bad_request');
});

test('404 for an unknown route, as JSON', async () => {
  const response = await http(stack.url, 'GET', '/v1/nothing-here');
  assert.equal(response.status, 404);
  assertEnvelope(response.body, 'not_found');
});

test('413 for a body over 64 KiB', async () => {
  const response = await http(stack.url, 'POST', '/test/echo', { body: { name: 'x'.repeat(70 * 1024) } });
  assert.equal(response.status, 413);
  assertEnvelope(response.body, 'payload_too_large');
});

test('422 with details.issues for a schema violation and for an unknown field', async () => {
  const empty = await http(stack.url, 'POST', '/test/echo', { body: { name: '' } });
  assert.equal(empty.status, 422);
  assertEnvelope(empty.body, 'validation_failed');
  assert.equal(empty.body.error.details.issues[0].path, 'name');

  const unknown = await http(stack.url, 'POST', '/test/echo', { body: { name: 'a', plan: 'pro' } });
  assert.equal(unknown.status, 422);
  assertEnvelope(unknown.body, 'validation_failed');

  const ok = await http(stack.url, 'POST', '/test/echo', { body: { name: 'आशा' } });
  assert.equal(ok.status, 200);
  assert.deepEqual(ok.body, { name: 'आशा' });
});

test('422 for a body that is not an object, and for any field sent to a route that takes no body', async () => {
  for (const raw of ['null', '[]', '"name"']) {
    const response = await http(stack.url, 'POST', '/test/echo', { raw, headers: { 'content-type': 'application/json' } });
    assert.equal(response.status, 422, raw);
    assertEnvelope(response.body, 'validation_failed');
  }
  assert.equal((await http(stack.url, 'POST', '/test/bodyless')).status, 200);
  assert.equal((await http(stack.url, 'POST', '/test/bodyless', { body: {} })).status, 200);
  for (const raw of ['{"force":true}', 'null']) {
    const response = await http(stack.url, 'POST', '/test/bodyless', { raw, headers: { 'content-type': 'application/json' } });
    assert.equal(response.status, 422, raw);
    assertEnvelope(response.body, 'validation_failed');
  }

  const user = await signUp(stack);
  const erase = await http(stack.url, 'DELETE', '/v1/me', { token: user.token, body: { confirm: true } });
  assert.equal(erase.status, 422);
  assert.equal((await http(stack.url, 'GET', '/v1/me', { token: user.token })).status, 200, 'nothing was erased');
  const untouched = await http(stack.url, 'PATCH', '/v1/me', { token: user.token, raw: 'null', headers: { 'content-type': 'application/json' } });
  assert.equal(untouched.status, 422);
});

test('500 is a bare `internal`: no stack, no SQL, no path', async () => {
  const response = await http(stack.url, 'GET', '/test/explode');
  assert.equal(response.status, 500);
  assertEnvelope(response.body, 'internal');
  const text = JSON.stringify(response.body);
  for (const leak of ['SELECT', 'password_hash', 'ER_PARSE', '/work/', '.ts']) assert.ok(!text.includes(leak), `leaks ${leak}`);
});

test('every response carries X-Request-Id, echoing the one the client sent', async () => {
  const echoed = await http(stack.url, 'GET', '/healthz', { headers: { 'x-request-id': 'mobile-42.abc' } });
  assert.equal(echoed.headers.get('x-request-id'), 'mobile-42.abc');
  const traced = await http(stack.url, 'GET', '/healthz', { headers: { 'x-request-id': 'trace=ab/12 span=3' } });
  assert.equal(traced.headers.get('x-request-id'), 'trace=ab/12 span=3');
  const oversized = await http(stack.url, 'GET', '/healthz', { headers: { 'x-request-id': 'x'.repeat(5000) } });
  assert.match(oversized.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
  const made = await http(stack.url, 'GET', '/v1/nothing-here');
  assert.match(made.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
  assert.equal(made.body.error.request_id, made.headers.get('x-request-id'));
});

test('/healthz, /readyz with the offline llm pool, /metrics, /openapi.json and /docs', async () => {
  assert.deepEqual((await http(stack.url, 'GET', '/healthz')).body, { status: 'ok' });
  const ready = await http(stack.url, 'GET', '/readyz');
  assert.equal(ready.status, 200);
  assert.deepEqual(ready.body, { mysql: 'ok', redis: 'ok', nats: 'ok', llm_workers: 1, llm_mode: 'offline' });

  const metrics = await http(stack.url, 'GET', '/metrics');
  assert.match(metrics.body, /saathi_http_request_duration_seconds_bucket\{[^}]*route="\/readyz"/);
  assert.match(metrics.body, /process_resident_memory_bytes/);

  const spec = await http(stack.url, 'GET', '/openapi.json');
  assert.equal(spec.body.openapi, '3.1.0');
  assert.ok(spec.body.paths['/readyz'].get);
  assert.equal(spec.body.paths['/test/echo'].post.requestBody.content['application/json'].schema.additionalProperties, false);

  const docs = await http(stack.url, 'GET', '/docs');
  assert.match(docs.headers.get('content-type') ?? '', /text\/html/);
  assert.match(docs.body, /openapi\.json/);
});

/** Writes raw bytes to the edge and reads until it closes the connection. */
const rawExchange = (port: number, bytes: string) =>
  new Promise<string>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString('utf8')));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });

test('requests Node rejects before routing still get the envelope and an X-Request-Id', async () => {
  const port = Number(new URL(stack.url).port);
  const oversized = `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`;
  for (const bytes of [oversized, 'GET /healthz HTTP/1.1\r\nBad Header\r\n\r\n', 'NONSENSE\r\n\r\n']) {
    const answer = await rawExchange(port, bytes);
    const [head = '', body = ''] = answer.split('\r\n\r\n');
    assert.match(head, /^HTTP\/1\.1 400 /);
    const requestId = /^X-Request-Id: (.+)$/im.exec(head)?.[1];
    assert.ok(requestId);
    const parsed = JSON.parse(body);
    assertEnvelope(parsed, 'bad_request');
    assert.equal(parsed.error.request_id, requestId);
  }
});
