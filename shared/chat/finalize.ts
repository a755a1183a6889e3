import { Op, QueryTypes } from 'sequelize';
import { Conversation, Message } from '../db/models/index.js';
import { sqlTime } from '../db/sql-time.js';
import type { ErrorCode } from '../errors.js';
import type { Infra } from '../infra.js';
import { commitMessage, refundMessage } from '../quota/client.js';
import type { MessageView, TokenUsage } from '../subjects.js';
import { errorEvent, publishGenerationEvent } from './generation-events.js';
import { forgetHistory, rememberTurn } from './history-cache.js';
import { storeReplyRow } from './reply-rows.js';
import { conversationKey, releaseConversation } from './turn-locks.js';
import { messageView, previewOf, type MessageFields } from './views.js';

/**
 * The two ways a generation ends. Whoever ends it first wins: both only touch an assistant message
 * still `generating`, so a reply stored by the worker is never failed by the edge's watchdog, and a
 * generation declared dead is never completed by a worker that wakes up late.
 */

export interface FinishedReply {
  content: string;
  status: 'complete' | 'partial';
  usage: TokenUsage;
}

export interface TurnRef {
  generationId: string;
  conversationId: string;
  userId: string;
  /** The user's message, which joins the cached history with the reply. */
  user: Pick<MessageFields, 'id' | 'content'>;
  /** The reply's placeholder row, stored with the user's message when the turn began. */
  assistant: Pick<MessageFields, 'id' | 'role' | 'language' | 'created_at'>;
}

const whereGenerating = (generationId: string) => ({ generation_id: generationId, role: 'assistant' as const, status: 'generating' as const });

/** A turn adds its two messages to the conversation's count when it ends, whichever way it ends. */
async function countTurn(infra: Infra, conversationId: string, preview?: string): Promise<void> {
  await infra.sequelize.query(
    `UPDATE conversations SET message_count = message_count + 2, last_message_at = ?, updated_at = ?,
     last_message_preview = COALESCE(?, last_message_preview) WHERE id = ?`,
    { type: QueryTypes.BULKUPDATE, replacements: [sqlTime(infra.clock.now()), sqlTime(new Date()), preview === undefined ? null : previewOf(preview), conversationId] },
  );
}

/** Stores a finished (or cancelled) reply with its usage and charges it; null if the turn was already failed. */
export async function storeReply(infra: Infra, turn: TurnRef, reply: FinishedReply): Promise<MessageView | null> {
  const { id, role, language, created_at } = turn.assistant;
  const { content, status } = reply;
  const { prompt_tokens, completion_tokens } = reply.usage;
  const stored: MessageFields = { id, role, language, created_at, content, status, prompt_tokens, completion_tokens };
  const { conversationId, generationId } = turn;
  const updated = await storeReplyRow(infra, {
    messageId: id, conversationId, content, status, promptTokens: prompt_tokens, completionTokens: completion_tokens,
    lastMessageAt: sqlTime(infra.clock.now()), preview: previewOf(content), updatedAt: sqlTime(new Date()),
  });
  if (!updated) return null;
  const messages = { user: { id: turn.user.id, role: 'user' as const, content: turn.user.content }, reply: { id, role, content } };
  const cachedAndFreed = rememberTurn(infra, conversationId, { ...messages, lockKey: conversationKey(infra, conversationId), generationId })
    .catch(() => releaseConversation(infra, conversationId, generationId))
    .catch((error: Error) => infra.log.warn({ err: error.message, generationId }, 'could not free the conversation; its lock expires on its own'));
  const committed = commitMessage(infra, turn.userId, generationId, reply.usage).catch((error: Error) =>
    infra.log.error({ err: error.message, generationId }, 'could not commit usage to the quota pool'),
  );
  await Promise.all([cachedAndFreed, committed]);
  return messageView(stored);
}

/**
 * Marks a generation failed, gives the quota back, frees the conversation and tells every listener.
 * Returns false when the generation had already ended.
 */
export async function failGeneration(infra: Infra, generationId: string, code: ErrorCode, message: string): Promise<boolean> {
  const assistant = await Message.findOne({ where: whereGenerating(generationId), attributes: ['id', 'conversation_id'] });
  if (!assistant) return false;
  const [updated] = await Message.update({ status: 'failed' }, { where: { id: assistant.id, status: { [Op.eq]: 'generating' } } });
  if (updated === 0) return false;
  const [conversation, asked] = await Promise.all([
    Conversation.findByPk(assistant.conversation_id, { attributes: ['id', 'user_id'] }),
    Message.findOne({ where: { generation_id: generationId, role: 'user' }, attributes: ['content'] }),
  ]);
  await Promise.all([countTurn(infra, assistant.conversation_id, asked?.content), forgetHistory(infra, assistant.conversation_id)]);
  if (conversation) {
    await refundMessage(infra, conversation.user_id, generationId).catch((error: Error) =>
      infra.log.error({ err: error.message, generationId }, 'could not refund a failed generation'),
    );
  }
  await releaseConversation(infra, assistant.conversation_id, generationId);
  await publishGenerationEvent(infra, generationId, errorEvent(code, message)).catch((error: Error) =>
    infra.log.warn({ err: error.message, generationId }, 'could not publish the error event'),
  );
  infra.log.warn({ generationId, code }, 'generation failed');
  return true;
}
