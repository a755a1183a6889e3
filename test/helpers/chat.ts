import { randomBytes } from 'node:crypto';
import { createCharacter } from '../../shared/characters/admin.js';
import type { Persona } from '../../shared/db/models/index.js';
import type { PoolName } from '../../shared/subjects.js';
import { startFakeOpenAI, type CompletionScript, type FakeOpenAI } from '../fakes/openai.js';
import { startStack, type TestStack } from './stack.js';

export interface ChatStack {
  stack: TestStack;
  openai: FakeOpenAI;
  close: () => Promise<void>;
}

/** A stack whose llm pool talks to the OpenAI fake through the real SDK. */
export async function startChatStack(options: { env?: Record<string, string>; pools?: readonly PoolName[]; script?: CompletionScript } = {}): Promise<ChatStack> {
  const openai = await startFakeOpenAI(options.script);
  const stack = await startStack({
    pools: options.pools,
    env: { OPENAI_API_KEY: 'sk-test-fake', OPENAI_BASE_URL: openai.baseUrl, ...options.env },
  });
  return {
    stack,
    openai,
    close: async () => {
      await stack.close();
      await openai.close();
    },
  };
}

/** A character straight through the characters domain module (no admin user needed). */
export async function addCharacter(stack: TestStack, options: { tier?: 'free' | 'premium'; persona?: Partial<Persona>; greeting?: Record<string, string> } = {}) {
  const slug = `c-${randomBytes(4).toString('hex')}`;
  const greeting = options.greeting ?? { en: 'Hello {{user}}, I am Meera!', hi: 'नमस्ते {{user}}, मैं मीरा हूँ!' };
  const translations = Object.fromEntries(
    Object.entries(greeting).map(([language, text]) => [language, { name: 'Meera', tagline: 'A friend', description: 'A kind friend', greeting: text }]),
  );
  return createCharacter(stack.infra, {
    slug,
    tier: options.tier ?? 'free',
    interests: [],
    languages: Object.keys(greeting),
    persona: { system_prompt: 'You are Meera, a warm friend from Pune.', personality: 'Kind, curious, funny', ...options.persona },
    translations: translations as never,
  });
}

export interface SseEvent {
  event: string;
  id?: string;
  data: any;
}

export interface SseResponse {
  status: number;
  headers: Headers;
  /** Parsed events, in order (comments such as `: ping` are counted in `comments`). */
  events: SseEvent[];
  comments: number;
  /** The JSON body when the answer was not a stream. */
  body?: any;
}

function parseBlock(block: string): SseEvent | 'comment' | null {
  if (block.startsWith(':')) return 'comment';
  const event: Partial<SseEvent> = { event: 'message' };
  for (const line of block.split('\n')) {
    const [field, ...rest] = line.split(': ');
    const value = rest.join(': ');
    if (field === 'event') event.event = value;
    else if (field === 'id') event.id = value;
    else if (field === 'data') event.data = JSON.parse(value);
  }
  return event.data === undefined ? null : (event as SseEvent);
}

/**
 * Opens an SSE request and reads it until it ends, or until `stopWhen` says so (then the client
 * hangs up, like a phone losing signal).
 */
export async function sse(
  baseUrl: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string>; stopWhen?: (events: SseEvent[]) => boolean } = {},
): Promise<SseResponse> {
  const controller = new AbortController();
  const headers: Record<string, string> = { accept: 'text/event-stream', ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${baseUrl}${path}`, {
    method, headers, signal: controller.signal, body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const result: SseResponse = { status: response.status, headers: response.headers, events: [], comments: 0 };
  if (!response.headers.get('content-type')?.includes('text/event-stream')) {
    const text = await response.text();
    result.body = text ? JSON.parse(text) : undefined;
    return result;
  }
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) !== -1) {
        const parsed = parseBlock(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        if (parsed === 'comment') result.comments += 1;
        else if (parsed) result.events.push(parsed);
      }
      if (options.stopWhen?.(result.events)) {
        controller.abort();
        break;
      }
    }
  } catch (error) {
    if (!controller.signal.aborted) throw error;
  }
  return result;
}

export const tokensOf = (events: SseEvent[]) => events.filter((event) => event.event === 'token');
export const textOf = (events: SseEvent[]) => tokensOf(events).map((event) => event.data.delta).join('');
