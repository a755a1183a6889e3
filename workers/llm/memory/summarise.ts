import { Op } from 'sequelize';
import { Conversation, Message } from '../../../shared/db/models/index.js';
import type { Infra } from '../../../shared/infra.js';
import type { BuiltPrompt } from '../../../shared/prompt/builder.js';
import { keepLastTokens } from '../../../shared/prompt/tokens.js';
import { rememberSummary } from '../generation/remembered-conversations.js';
import { modelFor } from '../model/index.js';
import type { TurnContext } from '../generation/prompt-input.js';

/** Folding costs an LLM call, so it waits until a few messages have fallen out of the prompt. */
const FOLD_AT_LEAST = 4;
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

/**
 * Folds the messages that no longer fit the prompt into the conversation's rolling summary, so the
 * character still knows what was said long ago. Runs after the reply is done, off its critical path.
 */
export async function maybeSummarise(infra: Infra, context: TurnContext, prompt: BuiltPrompt, model: string): Promise<void> {
  if (prompt.omitted.length === 0 && !context.windowFull) return;
  const { conversation } = context;
  try {
    const boundary = await Message.findByPk(context.input.history[prompt.omitted.length]?.id ?? '');
    if (!boundary) return;
    const previousThrough = conversation.summary_through_message_id;
    const through = previousThrough ? await Message.findByPk(previousThrough) : null;
    const unsummarised = await messagesBetween(conversation.id, through, boundary);
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
    const [updated] = await Conversation.update(folded, { where: { id: conversation.id, summary_through_message_id: previousThrough } });
    if (updated > 0) rememberSummary(infra, conversation.id, folded);
    infra.log.debug({ conversationId: conversation.id, folded: unsummarised.length }, 'rolling summary updated');
  } catch (error) {
    infra.log.warn({ err: (error as Error).message, conversationId: conversation.id }, 'rolling summary failed; will retry next turn');
  }
}
