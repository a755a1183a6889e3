import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startFakeOpenAI, type CompletionScript } from '../fakes/openai.js';

/**
 * The OpenAI fake in a process of its own, so its CPU is not charged to what is measured, with a
 * control port to switch its timing between scenarios:
 * - timed: 50 ms to the first chunk, then 20 chunks 10 ms apart;
 * - zero: the same 20 chunks with no waits (throughput);
 * - hang: nothing for 10 minutes (a generation that stays live, for idle-stream counts).
 * `GET /calls` on the control port counts the model calls answered so far.
 */
const deltas = Array.from({ length: 20 }, (_, index) => (index === 0 ? 'Namaste' : ` word${index}`));
const modes: Record<string, CompletionScript> = {
  timed: { deltas, firstChunkDelayMs: 50, gapMs: 10, usage: { prompt_tokens: 120, completion_tokens: 20 } },
  zero: { deltas, firstChunkDelayMs: 0, gapMs: 0, usage: { prompt_tokens: 120, completion_tokens: 20 } },
  hang: { deltas, firstChunkDelayMs: 10 * 60 * 1000, gapMs: 0, usage: { prompt_tokens: 120, completion_tokens: 20 } },
};

const fake = await startFakeOpenAI({ ...modes.timed });
/** Model calls answered so far, streamed (replies) and not (summaries); the fake's log is emptied every second. */
const calls = { streamed: 0, whole: 0 };
const count = (requests: Array<Record<string, any>>) => {
  for (const request of requests) calls[request.stream ? 'streamed' : 'whole'] += 1;
};
setInterval(() => count(fake.requests.splice(0)), 1000).unref();

const control = createServer((req, res) => {
  if (req.url === '/calls') {
    count(fake.requests.splice(0));
    return void res.writeHead(200).end(JSON.stringify(calls));
  }
  const mode = new URL(req.url ?? '/', 'http://control').searchParams.get('mode') ?? '';
  const script = modes[mode];
  if (!script) return void res.writeHead(400).end();
  for (const key of Object.keys(fake.defaults) as Array<keyof CompletionScript>) delete fake.defaults[key];
  Object.assign(fake.defaults, script);
  res.writeHead(204).end();
});
control.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ baseUrl: fake.baseUrl, controlPort: (control.address() as AddressInfo).port })}\n`);
});
process.once('SIGTERM', () => void fake.close().then(() => process.exit(0)));
