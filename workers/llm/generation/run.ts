import { failGeneration, storeReply, type TurnRef } from '../../../shared/chat/finalize.js';
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
import type { AdmittedTurn } from './persist-turn.js';
import type { TurnConversation } from '../../../shared/chat/conversations.js';
import type { CachedMessage } from '../../../shared/chat/history-cache.js';
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

/** The turn as the handler began it: its conversation, the reply language, and the storing of its two rows once it is let in. */
export interface TurnStart {
  conversation: TurnConversation;
  history: Promise<CachedMessage[]>;
  language: string;
  stored: Promise<AdmittedTurn>;
}

async function streamReply(
  infra: Infra,
  request: GenerateRequest,
  turn: Pick<TurnStart, 'conversation' | 'history' | 'language'>,
  publisher: GenerationPublisher,
  signal: AbortSignal,
) {
  const model = modelNameFor(infra, request.plan);
  const latest = { id: request.user_message_id, content: request.content, language: turn.language };
  const context = await loadTurnContext(infra, { conversation: turn.conversation, userId: request.user_id, model, latest, history: turn.history });
  const prompt = buildPrompt(context.input);
  const outcome: Outcome = { content: '', usage: null, prompt, stopped: null };
  const replyLanguage = turn.language as ReplyLanguage;
  try {
    const parts = modelFor(infra).stream({ model, messages: prompt.messages, maxTokens: context.input.replyReserve, replyLanguage, signal });
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
    const line = `${outcome.content ? '\n\n' : ''}${helplineLine[replyLanguage] ?? helplineLine.en}`;
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

/** The stored rows once the turn is accepted, or null when it was refused (nothing of it may be published). */
const acceptedRows = (stored: Promise<AdmittedTurn>) =>
  stored.then(
    (turn) => (turn.created ? turn : null),
    () => null,
  );

/**
 * One chat turn from the moment it was asked for: prompt and stream while the user's message is
 * stored, publish tokens and heartbeats once it is, store the reply (complete, or partial when
 * cancelled) and charge it, or fail it and refund. A turn refused while storing (a retried
 * `client_message_id`, a vanished conversation) stops the model and leaves no trace.
 */
export async function runGeneration(infra: Infra, request: GenerateRequest, start: TurnStart, cancel: AbortSignal): Promise<void> {
  const log = infra.log.child({ generationId: request.generation_id, conversationId: request.conversation_id });
  const accepted = acceptedRows(start.stored);
  const refused = new AbortController();
  void accepted.then((rows) => rows ?? refused.abort('refused'));
  const publisher = new GenerationPublisher(infra, request.generation_id, accepted.then(Boolean));
  const signal = AbortSignal.any([cancel, refused.signal, AbortSignal.timeout(infra.config.LLM_TIMEOUT_MS)]);
  try {
    const { outcome, context } = await streamReply(infra, request, start, publisher, signal);
    const rows = await accepted;
    if (!rows) return;
    const turn: TurnRef = { generationId: request.generation_id, conversationId: request.conversation_id, userId: request.user_id, assistant: rows.assistant };
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
    await publisher.end({ type: 'done', assistant_message: stored, usage, quota: { remaining: rows.quota.remaining, resets_at: rows.quota.resets_at } });
    log.debug({ tokens: publisher.tokens, status: stored.status }, 'generation finished');
    registryFor(infra).track(maybeSummarise(infra, context, outcome.prompt, modelNameFor(infra, request.plan)));
  } catch (error) {
    await publisher.settle();
    if (!(await accepted)) return;
    const { code, message } = failure(error);
    if (code === 'internal') log.error({ err: error }, 'generation failed');
    else log.warn({ err: (error as Error).message }, 'the LLM provider failed');
    await failGeneration(infra, request.generation_id, code, message);
  }
}
