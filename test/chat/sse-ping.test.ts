import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import Koa from 'koa';
import type { EdgeContext } from '../../edge/context.js';
import { SSE_HEARTBEAT_MS, SseHub } from '../../edge/sse.js';

/** The edge's own hub and stream, with a short heartbeat, behind a bare Koa route that only opens a stream. */
const HEARTBEAT_MS = 40;
const hub = new SseHub({ heartbeatMs: HEARTBEAT_MS, maxBufferedBytes: 1024 * 1024 });
let server: Server;
let url: string;

before(async () => {
  const app = new Koa();
  app.use(async (ctx) => {
    hub.open(ctx as unknown as EdgeContext);
  });
  server = createServer(app.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
after(async () => {
  hub.endAll({ event: 'error', data: { code: 'unavailable', message: 'test over' } });
  await new Promise((resolve) => server.close(resolve));
});

test('the heartbeat is under the 15 s API.md allows between comments', () => {
  assert.ok(SSE_HEARTBEAT_MS <= 14_000, `${SSE_HEARTBEAT_MS} ms leaves no room for a late timer`);
});

test('an idle stream hears `: ping` comments from the hub and stays open', { timeout: 10_000 }, async () => {
  const response = await fetch(url);
  assert.equal(response.headers.get('content-type'), 'text/event-stream; charset=utf-8');
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  while ((text.match(/^: ping$/gm) ?? []).length < 3) {
    const { value, done } = await reader.read();
    assert.ok(!done, 'the stream stayed open');
    text += decoder.decode(value, { stream: true });
  }
  assert.equal(text.replace(/^: ping\n\n/gm, ''), '', 'nothing but comments on an idle stream');
  assert.equal(hub.size, 1);
  await reader.cancel();
});
