import OpenAI from 'openai';
import type { Config } from '../../../shared/config.js';
import { UpstreamError, type ChatModel, type StreamPart, type StreamRequest } from './types.js';

/** Retries happen only before the first token: the SDK retries 408/409/429/5xx before a stream starts, never within it. */
const MAX_RETRIES = 2;

const toUpstream = (error: unknown, signal: AbortSignal): unknown => {
  if (signal.aborted) return error;
  if (error instanceof OpenAI.APIError) return new UpstreamError(`The LLM provider answered ${error.status ?? 'with an error'}`, error.status);
  if (error instanceof Error) return new UpstreamError(`The LLM provider failed: ${error.message}`);
  return error;
};

export function openAiModel(config: Config): ChatModel {
  const client = new OpenAI({
    apiKey: config.OPENAI_API_KEY,
    baseURL: config.OPENAI_BASE_URL,
    maxRetries: MAX_RETRIES,
    timeout: config.LLM_TIMEOUT_MS,
  });

  return {
    mode: 'openai',
    async *stream({ model, messages, maxTokens, signal }: StreamRequest): AsyncIterable<StreamPart> {
      try {
        const stream = await client.chat.completions.create(
          { model, messages, stream: true, stream_options: { include_usage: true }, max_tokens: maxTokens },
          { signal },
        );
        for await (const chunk of stream) {
          const delta = chunk.choices[0]?.delta?.content;
          if (delta) yield { delta };
          if (chunk.usage) yield { usage: { prompt_tokens: chunk.usage.prompt_tokens, completion_tokens: chunk.usage.completion_tokens } };
        }
      } catch (error) {
        throw toUpstream(error, signal);
      }
    },
    async complete({ model, messages, maxTokens, signal }) {
      try {
        const completion = await client.chat.completions.create({ model, messages, max_tokens: maxTokens }, { signal });
        return completion.choices[0]?.message?.content ?? '';
      } catch (error) {
        throw toUpstream(error, signal);
      }
    },
  };
}
