import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import Router from '@koa/router';
import OpenAI from 'openai';

/**
 * The framework alone: a Koa SSE route that streams from the LLM through the SDK, with no auth,
 * quota, NATS or storage. Saathi's figures are compared against it.
 */
const openai = new OpenAI({ apiKey: 'bench', baseURL: process.env.BENCH_FAKE_URL, maxRetries: 0 });
const router = new Router();

router.post('/chat', async (ctx) => {
  ctx.respond = false;
  ctx.res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'x-accel-buffering': 'no' });
  const stream = await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: 'Namaste' }],
    stream: true,
    stream_options: { include_usage: true },
  });
  let id = 0;
  for await (const chunk of stream) {
    const delta = chunk.choices[0]?.delta?.content;
    if (delta) ctx.res.write(`id: ${++id}\nevent: token\ndata: ${JSON.stringify({ delta })}\n\n`);
  }
  ctx.res.end('event: done\ndata: {}\n\n');
});

const app = new Koa();
app.use(router.routes());
const server = createServer(app.callback()).listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
