import { Op } from 'sequelize';
import { RECENT_WINDOW } from '../../../shared/chat/history-cache.js';
import { sqlTime } from '../../../shared/db/sql-time.js';
import { Message } from '../../../shared/db/models/index.js';
import type { Infra } from '../../../shared/infra.js';
import type { BuiltPrompt } from '../../../shared/prompt/builder.js';
import type { HistoryMessage } from '../../../shared/prompt/slots.js';
import { keepLastTokens } from '../../../shared/prompt/tokens.js';
import { rememberedConversation, rememberSummary } from '../generation/remembered-conversations.js';
import type { TurnConversation } from '../../../shared/chat/conversations.js';
import { modelFor } from '../model/index.js';
import { storeFold } from './fold-rows.js';
import type { TurnContext } from '../generation/prompt-input.js';
import { perInfra } from '../../../shared/per-infra.js';

/** Folding costs an LLM call, so it waits until a few messages have fallen out of the prompt. */
const FOLD_AT_LEAST = 4;
/**
 * Once fewer than this many messages could join the window before an unsummarised one leaves it
 * (eight turns), its oldest unsummarised messages are folded, this many at a time. A fold thus has
 * eight turns to land, none leaves the window unsummarised, and the summary's last message stays in
 * the window, where the next folds find everything they need without reading MySQL. Sixteen at a
 * time, a long chat costs a summary call every eighth turn rather than every fourth, while its
 * prompt still holds at least 64 recent messages word for word.
 */
const FOLD_AHEAD = 16;
const FOLD_AT_MOST = 200;
const SUMMARY_MAX_TOKENS = 400;

const INSTRUCTION =
  'You keep the memory of a long chat between a user and an AI companion. Update the summary with the new ' +
  'messages. Keep every name, fact, preference, date and event the user shared, and promises made; drop small ' +
  'talk. Write at most 200 words, in English, in the third person.';

/** Messages stored after `after` (exclusive) and before `before` (exclusive), oldest first. */
async function messagesBetween(conversationId: string, after: Message | null, before: Message) {
  const later = (row: Message) => ({
    [Op.or]: [{ created_at: { [Op.gt]: row.created_at } }, { created_at: row.created_at, id: { [Op.gt]: row.id } }],
  });
  const earlier = (row: Message) => ({
    [Op.or]: [{ created_at: { [Op.lt]: row.created_at } }, { created_at: row.created_at, id: { [Op.lt]: row.id } }],
  });
  return Message.findAll({
    where: {
      conversation_id: conversationId,
      status: { [Op.in]: ['complete', 'partial'] },
      [Op.and]: [earlier(before), ...(after ? [later(after)] : [])],
    },
    order: [['created_at', 'ASC'], ['id', 'ASC']],
    limit: FOLD_AT_MOST,
  });
}

/** Conversations this process is folding: a turn that ends meanwhile leaves the fold to the one running. */
const foldingIn = perInfra(() => new Set<string>());

/**
 * A fold that landed while this turn ran (after it read the conversation) already took these
 * messages: folding them again would be a summary call whose result cannot land.
 */
function summaryMovedSince(infra: Infra, read: TurnConversation): boolean {
  const latest = rememberedConversation(infra, read.id, read.user_id);
  return latest !== undefined && latest.summary_through_message_id !== read.summary_through_message_id;
}

/**
 * How many of the history's oldest messages to fold now: those the prompt left out, or, once the
 * unsummarised part of the window is within FOLD_AHEAD of the window's size, the ones it drops next.
 */
function foldCount(context: TurnContext, prompt: BuiltPrompt): number {
  const unsummarised = context.input.history.length;
  const leavingSoon = unsummarised >= RECENT_WINDOW - FOLD_AHEAD ? FOLD_AHEAD : 0;
  return Math.min(Math.max(prompt.omitted.length, leavingSoon), unsummarised - 1);
}

/** The unsummarised messages before the history's `count`th, when some lie outside the window. */
async function storedBefore(context: TurnContext, count: number): Promise<HistoryMessage[]> {
  const boundary = await Message.findByPk(context.input.history[count]!.id);
  if (!boundary) return [];
  const throughId = context.conversation.summary_through_message_id;
  const through = throughId ? await Message.findByPk(throughId) : null;
  return messagesBetween(context.conversation.id, through, boundary);
}

/**
 * Folds the messages that no longer fit the prompt, or are about to leave the window, into the
 * conversation's rolling summary, so the character still knows what was said long ago. Runs after
 * the reply is done, off its critical path. The window holds what it folds, except after a cold start
 * or a failed fold: then MySQL has the older messages.
 */
export async function maybeSummarise(infra: Infra, context: TurnContext, prompt: BuiltPrompt, model: string): Promise<void> {
  const count = foldCount(context, prompt);
  const { conversation } = context;
  const folding = foldingIn(infra);
  if (count < FOLD_AT_LEAST || folding.has(conversation.id) || summaryMovedSince(infra, conversation)) return;
  folding.add(conversation.id);
  try {
    const previousThrough = conversation.summary_through_message_id;
    const outsideWindow = context.windowFull && context.summarisedInWindow === 0;
    const unsummarised = outsideWindow ? await storedBefore(context, count) : context.input.history.slice(0, count);
    if (unsummarised.length < FOLD_AT_LEAST) return;

    const transcript = unsummarised.map((message) => `${message.role === 'user' ? 'User' : 'Companion'}: ${message.content}`).join('\n');
    const room = Math.floor(context.input.contextWindow / 2);
    const summary = await modelFor(infra).complete({
      model,
      maxTokens: SUMMARY_MAX_TOKENS,
      signal: AbortSignal.timeout(infra.config.LLM_TIMEOUT_MS),
      messages: [
        { role: 'system', content: INSTRUCTION },
        { role: 'user', content: `Summary so far:\n${conversation.summary ?? '(none)'}\n\nNew messages:\n${keepLastTokens(transcript, room)}` },
      ],
    });
    if (!summary.trim()) return;
    const folded = { summary: summary.trim(), summary_through_message_id: unsummarised.at(-1)!.id };
    const landed = await storeFold(infra, {
      conversationId: conversation.id, summary: folded.summary, throughMessageId: folded.summary_through_message_id,
      previousThroughId: previousThrough, updatedAt: sqlTime(new Date()),
    });
    if (landed) rememberSummary(infra, conversation.id, folded);
    infra.log.debug({ conversationId: conversation.id, folded: unsummarised.length }, 'rolling summary updated');
  } catch (error) {
    infra.log.warn({ err: (error as Error).message, conversationId: conversation.id }, 'rolling summary failed; will retry next turn');
  } finally {
    folding.delete(conversation.id);
  }
}
