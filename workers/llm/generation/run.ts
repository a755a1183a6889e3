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
import { loadTurnContext, replyLanguageFor, type TurnContext } from './prompt-input.js';
import { GenerationPublisher } from './publisher.js';
import { registryFor, type StopReason } from './registry.js';

interface Outcome {
  content: string;
  usage: TokenUsage | null;
  prompt: BuiltPrompt;
  stopped: StopReason | null;
}

/** The generation's signal is aborted only by its registry, with a StopReason. */
const stopReasonOf = (signal: AbortSignal): StopReason | null => (signal.aborted ? (signal.reason as StopReason) : null);

/** The turn as the handler began it. */
export interface TurnStart {
  /** What the model is asked from: this process's copy of the conversation, or the owner check's row. */
  conversation: TurnConversation;
  /** The owner check's row: a copy that would make a different prompt (see promptChanged) is asked again. */
  confirmed: Promise<TurnConversation>;
  history: Promise<CachedMessage[]>;
  stored: Promise<AdmittedTurn>;
}

/**
 * Whether a prompt built from one copy of the conversation must be asked again from the owner check's
 * row. The character and the language must match. Summaries that differ only in how far they reach
 * make equally whole prompts as long as the history starts right after the one used (its last message
 * is in the window or, with no summary, the window holds the whole chat): what one summary holds and
 * the other does not is then in the history word for word. So a fold landing as a turn starts costs
 * no second model call; a summary rewritten over the same messages, or one the window has run past,
 * does.
 */
function promptChanged(used: TurnConversation, confirmed: TurnConversation, context: TurnContext): boolean {
  if (used.character_id !== confirmed.character_id || used.language !== confirmed.language) return true;
  if (used.summary_through_message_id === confirmed.summary_through_message_id) return used.summary !== confirmed.summary;
  return used.summary_through_message_id ? context.summarisedInWindow === 0 : context.windowFull;
}

type Attempt = { outcome: Outcome; context: TurnContext } | { askAgainWith: TurnConversation };

/**
 * One ask of the model from one copy of the conversation. The copy is checked against the owner
 * check's row as soon as that answers, and always before the first delta goes to the publisher
 * (which holds it until the turn is stored anyway); a stale copy stops this ask at once.
 */
async function streamFrom(infra: Infra, request: GenerateRequest, start: TurnStart, conversation: TurnConversation, publisher: GenerationPublisher, signal: AbortSignal): Promise<Attempt> {
  const model = modelNameFor(infra, request.plan);
  const replyLanguage = replyLanguageFor(request.content, conversation) as ReplyLanguage;
  const latest = { id: request.user_message_id, content: request.content, language: replyLanguage };
  const context = await loadTurnContext(infra, { conversation, userId: request.user_id, model, latest, history: start.history });
  const prompt = buildPrompt(context.input);
  const outcome: Outcome = { content: '', usage: null, prompt, stopped: null };
  // This ask stops with the generation, or alone when its copy turns out stale.
  const ask = new AbortController();
  const stopAsk = () => ask.abort(signal.reason);
  if (signal.aborted) stopAsk();
  signal.addEventListener('abort', stopAsk, { once: true });
  let fresher: TurnConversation | null = null;
  const checked = start.confirmed.then((confirmed) => {
    if (confirmed === conversation || !promptChanged(conversation, confirmed, context)) return;
    fresher = confirmed;
    ask.abort();
  }, () => undefined);
  try {
    const parts = modelFor(infra).stream({
      model, messages: prompt.messages, maxTokens: context.input.replyReserve, replyLanguage, signal: ask.signal,
    });
    let first = true;
    for await (const part of parts) {
      if (first) {
        first = false;
        await checked;
        if (fresher) break;
      }
      if ('usage' in part) outcome.usage = part.usage;
      else {
        outcome.content += part.delta;
        publisher.token(part.delta);
      }
    }
  } catch (error) {
    if (!ask.signal.aborted) throw error;
  } finally {
    signal.removeEventListener('abort', stopAsk);
  }
  await checked;
  if (fresher) return { askAgainWith: fresher };
  outcome.stopped = stopReasonOf(signal);
  // A crisis reply always carries the helpline, whatever the model wrote.
  if (!outcome.stopped && context.input.crisis && !mentionsHelpline(outcome.content)) {
    const line = `${outcome.content ? '\n\n' : ''}${helplineLine[replyLanguage] ?? helplineLine.en}`;
    outcome.content += line;
    publisher.token(line);
  }
  return { outcome, context };
}

async function streamReply(infra: Infra, request: GenerateRequest, start: TurnStart, publisher: GenerationPublisher, signal: AbortSignal) {
  let conversation = start.conversation;
  for (;;) {
    const attempt = await streamFrom(infra, request, start, conversation, publisher, signal);
    if (!('askAgainWith' in attempt)) return attempt;
    conversation = attempt.askAgainWith;
  }
}

const failure = (error: unknown): { code: ErrorCode; message: string } =>
  error instanceof UpstreamError
    ? { code: 'upstream_error', message: 'The AI provider failed to answer; you were not charged' }
    : { code: 'internal', message: 'The reply could not be generated; you were not charged' };

const stoppedFailure: Record<Exclude<StopReason, 'cancelled' | 'refused'>, { code: ErrorCode; message: string }> = {
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
export async function runGeneration(infra: Infra, request: GenerateRequest, start: TurnStart, signal: AbortSignal): Promise<void> {
  // Bindings per call, not a child logger: a child serialises its bindings when made, on every turn.
  const where = { generationId: request.generation_id, conversationId: request.conversation_id };
  const accepted = acceptedRows(start.stored);
  void accepted.then((rows) => rows ?? registryFor(infra).stop(request.generation_id, 'refused'));
  const publisher = new GenerationPublisher(infra, request.generation_id, accepted.then(Boolean));
  try {
    const { outcome, context } = await streamReply(infra, request, start, publisher, signal);
    const rows = await accepted;
    if (!rows) return;
    const turn: TurnRef = { generationId: request.generation_id, conversationId: request.conversation_id, userId: request.user_id, user: rows.user, assistant: rows.assistant };
    if (outcome.stopped === 'timeout' || outcome.stopped === 'shutdown') {
      await publisher.settle();
      const { code, message } = stoppedFailure[outcome.stopped];
      await failGeneration(infra, turn.generationId, code, message);
      return;
    }
    const usage = outcome.usage ?? { prompt_tokens: outcome.prompt.promptTokens, completion_tokens: countTextTokens(outcome.content) };
    await publisher.settle();
    const stored = await storeReply(infra, turn, { content: outcome.content, status: outcome.stopped ? 'partial' : 'complete', usage });
    if (!stored) return infra.log.warn(where, 'the generation was declared dead before its reply was stored');
    await publisher.end({ type: 'done', assistant_message: stored, usage, quota: { remaining: rows.quota.remaining, resets_at: rows.quota.resets_at } });
    infra.log.debug({ ...where, tokens: publisher.tokens, status: stored.status }, 'generation finished');
    registryFor(infra).track(maybeSummarise(infra, context, outcome.prompt, modelNameFor(infra, request.plan)));
  } catch (error) {
    await publisher.settle();
    if (!(await accepted)) return;
    const { code, message } = failure(error);
    if (code === 'internal') infra.log.error({ ...where, err: error }, 'generation failed');
    else infra.log.warn({ ...where, err: (error as Error).message }, 'the LLM provider failed');
    await failGeneration(infra, request.generation_id, code, message);
  }
}
