import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the fake answers one chat completion call. */
export interface CompletionScript {
  deltas?: string[];
  /** Wait before the first chunk (the provider "thinking"). */
  firstChunkDelayMs?: number;
  gapMs?: number;
  usage?: { prompt_tokens: number; completion_tokens: number } | null;
  /** Answer with this HTTP status and an OpenAI error body instead of a stream. */
  status?: number;
  /** Destroy the socket after this many content chunks (a provider cut mid-stream). */
  cutAfter?: number;
  /** The reply of a non-streaming call (rolling summaries), or how to write it from the request (when it may be sent). */
  text?: string | ((request: Record<string, any>) => string | Promise<string>);
}

export interface FakeOpenAI {
  baseUrl: string;
  /** Request bodies received, in order. */
  requests: Array<Record<string, any>>;
  /** Scripts used once each, in order, before falling back to `defaults`. */
  queue: CompletionScript[];
  defaults: CompletionScript;
  close: () => Promise<void>;
}

const MODEL = 'gpt-4o-mini-2024-07-18';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A chunk in the exact shape of ../shared/fixtures/openai/chat_stream.txt. */
const chunk = (id: string, delta: Record<string, unknown>, finish: string | null, usage: unknown = null, choices = true) => ({
  id,
  object: 'chat.completion.chunk',
  created: Math.floor(Date.now() / 1000),
  model: MODEL,
  system_fingerprint: 'fp_0ba0d124f1',
  choices: choices ? [{ index: 0, delta, logprobs: null, finish_reason: finish }] : [],
  usage,
});

const fullUsage = (usage: { prompt_tokens: number; completion_tokens: number }) => ({
  ...usage,
  total_tokens: usage.prompt_tokens + usage.completion_tokens,
  prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
  completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
});

async function readBody(req: IncomingMessage): Promise<Record<string, any>> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return JSON.parse(Buffer.concat(parts).toString('utf8') || '{}');
}

async function stream(res: ServerResponse, script: CompletionScript, open: Set<ServerResponse>): Promise<void> {
  const id = `chatcmpl-fake${Math.random().toString(36).slice(2, 12)}`;
  const deltas = script.deltas ?? ['Namaste', ' Priya! Aaj', ' kaisa din raha?'];
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
  const send = (data: unknown) => res.write(`data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`);
  if (script.firstChunkDelayMs) await sleep(script.firstChunkDelayMs);
  send(chunk(id, { role: 'assistant', content: '', refusal: null }, null));
  for (const [index, delta] of deltas.entries()) {
    if (!open.has(res)) return;
    if (script.cutAfter !== undefined && index >= script.cutAfter) {
      res.destroy();
      return;
    }
    if (index > 0 && script.gapMs) await sleep(script.gapMs);
    if (!open.has(res)) return;
    send(chunk(id, { content: delta }, null));
  }
  send(chunk(id, {}, 'stop'));
  if (script.usage !== null) {
    send(chunk(id, {}, null, fullUsage(script.usage ?? { prompt_tokens: 42, completion_tokens: deltas.length }), false));
  }
  send('[DONE]');
  res.end();
}

async function complete(res: ServerResponse, script: CompletionScript, request: Record<string, any>): Promise<void> {
  const content = typeof script.text === 'function' ? await script.text(request) : (script.text ?? 'A short summary.');
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({
    id: 'chatcmpl-fakesummary',
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: MODEL,
    choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, logprobs: null, finish_reason: 'stop' }],
    usage: fullUsage(script.usage ?? { prompt_tokens: 100, completion_tokens: 10 }),
  }));
}

/** An OpenAI-compatible `/v1/chat/completions` that the real `openai` SDK talks to. */
export async function startFakeOpenAI(defaults: CompletionScript = {}): Promise<FakeOpenAI> {
  const open = new Set<ServerResponse>();
  const fake: Omit<FakeOpenAI, 'baseUrl' | 'close'> = { requests: [], queue: [], defaults };
  const server = createServer(async (req, res) => {
    open.add(res);
    res.on('close', () => open.delete(res));
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"not found"}}');
      return;
    }
    const body = await readBody(req);
    fake.requests.push(body);
    const script = fake.queue.shift() ?? fake.defaults;
    if (script.status) {
      res.writeHead(script.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'The server had an error while processing your request.', type: 'server_error', param: null, code: null } }));
      return;
    }
    if (body.stream) await stream(res, script, open);
    else await complete(res, script, body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(fake, {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    close: async () => {
      for (const res of open) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  }) as FakeOpenAI;
}
