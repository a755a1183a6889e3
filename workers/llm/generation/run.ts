import { failGeneration, storeReply, type TurnRef } from '../../../shared/chat/finalize.js';
import type { Conversation, Message } from '../../../shared/db/models/index.js';
import type { ErrorCode } from '../../../shared/errors.js';
import type { Infra } from '../../../shared/infra.js';
import { buildPrompt, type BuiltPrompt } from '../../../shared/prompt/builder.js';
import { helplineLine, mentionsHelpline } from '../../../shared/prompt/safety.js';
import type { ReplyLanguage } from '../../../shared/prompt/script.js';
import { countTextTokens } from '../../../shared/prompt/tokens.js';
import type { GenerateRequest, TokenUsage } from '../../../shared/subjects.js';
import { maybeSummarise } from '../memory/summarise.js';
import { modelFor, modelNameFor } from '../model/index.js';
import { UpstreamError } from '../model/types.js';
import { loadTurnContext } from './prompt-input.js';
import { GenerationPublisher } from './publisher.js';
import { registryFor, type StopReason } from './registry.js';

interface Outcome {
  content: string;
  usage: TokenUsage | null;
  prompt: BuiltPrompt;
  stopped: StopReason | null;
}

const stopReasonOf = (signal: AbortSignal): StopReason | null => {
  if (!signal.aborted) return null;
  return signal.reason === 'cancelled' || signal.reason === 'shutdown' ? signal.reason : 'timeout';
};

async function streamReply(
  infra: Infra,
  request: GenerateRequest,
  turnRows: { user: Message; conversation: Conversation },
  publisher: GenerationPublisher,
  signal: AbortSignal,
) {
  const { user, conversation } = turnRows;
  const model = modelNameFor(infra, request.plan);
  const context = await loadTurnContext(infra, conversation, model, user);
  const prompt = buildPrompt(context.input);
  const outcome: Outcome = { content: '', usage: null, prompt, stopped: null };
  try {
    const parts = modelFor(infra).stream({
      model, messages: prompt.messages, maxTokens: context.input.replyReserve, replyLanguage: user.language as ReplyLanguage, signal,
    });
    for await (const part of parts) {
      if ('usage' in part) outcome.usage = part.usage;
      else {
        outcome.content += part.delta;
        publisher.token(part.delta);
      }
    }
  } catch (error) {
    if (!signal.aborted) throw error;
  }
  outcome.stopped = stopReasonOf(signal);
  // A crisis reply always carries the helpline, whatever the model wrote.
  if (!outcome.stopped && context.input.crisis && !mentionsHelpline(outcome.content)) {
    const line = `${outcome.content ? '\n\n' : ''}${helplineLine[user.language as ReplyLanguage] ?? helplineLine.en}`;
    outcome.content += line;
    publisher.token(line);
  }
  return { outcome, context };
}

const failure = (error: unknown): { code: ErrorCode; message: string } =>
  error instanceof UpstreamError
    ? { code: 'upstream_error', message: 'The AI provider failed to answer; you were not charged' }
    : { code: 'internal', message: 'The reply could not be generated; you were not charged' };

const stoppedFailure: Record<Exclude<StopReason, 'cancelled'>, { code: ErrorCode; message: string }> = {
  timeout: { code: 'upstream_error', message: 'The AI provider took too long to answer; you were not charged' },
  shutdown: { code: 'unavailable', message: 'The reply was interrupted by a restart; you were not charged' },
};

/**
 * One chat turn after it was accepted: prompt, stream, publish tokens and heartbeats, store the
 * reply (complete, or partial when cancelled) and charge it, or fail it and refund.
 */
export async function runGeneration(
  infra: Infra,
  request: GenerateRequest,
  turnRows: { user: Message; conversation: Conversation },
  cancel: AbortSignal,
): Promise<void> {
  const turn: TurnRef = { generationId: request.generation_id, conversationId: request.conversation_id, userId: request.user_id };
  const log = infra.log.child({ generationId: turn.generationId, conversationId: turn.conversationId });
  const publisher = new GenerationPublisher(infra, turn.generationId);
  const signal = AbortSignal.any([cancel, AbortSignal.timeout(infra.config.LLM_TIMEOUT_MS)]);
  try {
    const { outcome, context } = await streamReply(infra, request, turnRows, publisher, signal);
    if (outcome.stopped && outcome.stopped !== 'cancelled') {
      await publisher.settle();
      const { code, message } = stoppedFailure[outcome.stopped];
      await failGeneration(infra, turn.generationId, code, message);
      return;
    }
    const usage = outcome.usage ?? { prompt_tokens: outcome.prompt.promptTokens, completion_tokens: countTextTokens(outcome.content) };
    await publisher.settle();
    const stored = await storeReply(infra, turn, { content: outcome.content, status: outcome.stopped ? 'partial' : 'complete', usage });
    if (!stored) return log.warn('the generation was declared dead before its reply was stored');
    await publisher.end({ type: 'done', assistant_message: stored, usage, quota: request.quota });
    log.debug({ tokens: publisher.tokens, status: stored.status }, 'generation finished');
    registryFor(infra).track(maybeSummarise(infra, context, outcome.prompt, modelNameFor(infra, request.plan)));
  } catch (error) {
    await publisher.settle();
    const { code, message } = failure(error);
    if (code === 'internal') log.error({ err: error }, 'generation failed');
    else log.warn({ err: (error as Error).message }, 'the LLM provider failed');
    await failGeneration(infra, turn.generationId, code, message);
  }
}
