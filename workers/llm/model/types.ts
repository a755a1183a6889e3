import type { PromptMessage } from '../../../shared/prompt/builder.js';
import type { ReplyLanguage } from '../../../shared/prompt/script.js';
import type { TokenUsage } from '../../../shared/subjects.js';

/** One piece of a streamed reply: text, or the provider's usage report at the end. */
export type StreamPart = { delta: string } | { usage: TokenUsage };

export interface StreamRequest {
  model: string;
  messages: PromptMessage[];
  maxTokens: number;
  replyLanguage: ReplyLanguage;
  signal: AbortSignal;
}

/** What the llm pool talks to: the OpenAI SDK, or the labelled offline stand-in. */
export interface ChatModel {
  mode: 'openai' | 'offline';
  stream(request: StreamRequest): AsyncIterable<StreamPart>;
  /** A one-shot completion (rolling summaries). */
  complete(request: Omit<StreamRequest, 'replyLanguage'>): Promise<string>;
}

/** The provider failed (an HTTP error, a broken connection): surfaces as 502 `upstream_error`. */
export class UpstreamError extends Error {
  constructor(message: string, readonly status?: number) {
    super(message);
    this.name = 'UpstreamError';
  }
}
