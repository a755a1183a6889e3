import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import Router from '@koa/router';
import OpenAI from 'openai';
import { connect } from '@nats-io/transport-node';

/**
 * The design's hops with none of its work: a Koa SSE route that asks a worker process over NATS,
 * and the worker streams from the LLM through the SDK and publishes its deltas on core NATS (those
 * that arrive in the same turn of the event loop as one message, as Saathi's publisher joins the
 * deltas that queue behind a publish) — no auth, quota, storage or JetStream. What Saathi adds over it is the work; what it adds over the
 * bare proxy is the cost of the edge → NATS → worker topology on this machine.
 *
 * `nats-proxy.ts edge` and `nats-proxy.ts worker`, with BENCH_NATS_URL and BENCH_SUBJECT.
 */
const role = process.argv[2];
const nc = await connect({ servers: process.env.BENCH_NATS_URL, noAsyncTraces: true });
const subject = process.env.BENCH_SUBJECT!;
const encoder = new TextEncoder();
const decoder = new TextDecoder();
let nextStream = 0;

function worker(): void {
  const openai = new OpenAI({ apiKey: 'bench', baseURL: process.env.BENCH_FAKE_URL, maxRetries: 0 });
  nc.subscribe(subject, {
    queue: 'workers',
    callback: (_error, message) => {
      const reply = decoder.decode(message.data);
      message.respond();
      void (async () => {
        const stream = await openai.chat.completions.create({
          model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Namaste' }], stream: true, stream_options: { include_usage: true },
        });
        let pending = '';
        const flush = () => {
          if (pending) nc.publish(reply, encoder.encode(pending));
          pending = '';
        };
        for await (const chunk of stream) {
          const delta = chunk.choices[0]?.delta?.content;
          if (!delta) continue;
          if (!pending) setImmediate(flush);
          pending += delta;
        }
        flush();
        nc.publish(reply);
      })();
    },
  });
  process.stdout.write(`${JSON.stringify({ port: 0 })}\n`);
}

function edge(): void {
  const router = new Router();
  router.post('/chat', async (ctx) => {
    ctx.respond = false;
    const streamSubject = `${subject}.stream.${process.pid}.${nextStream++}`;
    const events = nc.subscribe(streamSubject);
    await nc.request(subject, encoder.encode(streamSubject), { timeout: 10_000 });
    ctx.res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'x-accel-buffering': 'no' });
    let id = 0;
    for await (const message of events) {
      if (message.data.length === 0) break;
      ctx.res.write(`id: ${++id}\nevent: token\ndata: ${JSON.stringify({ delta: decoder.decode(message.data) })}\n\n`);
    }
    events.unsubscribe();
    ctx.res.end('event: done\ndata: {}\n\n');
  });
  const app = new Koa();
  app.use(router.routes());
  const server = createServer(app.callback()).listen(0, '127.0.0.1', () => {
    process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
  });
}

if (role === 'worker') worker();
else edge();
process.once('SIGTERM', () => void nc.drain().then(() => process.exit(0)));
