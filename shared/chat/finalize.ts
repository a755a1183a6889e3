import { Op } from 'sequelize';
import { Conversation, Message } from '../db/models/index.js';
import type { ErrorCode } from '../errors.js';
import type { Infra } from '../infra.js';
import { commitMessage, refundMessage } from '../quota/client.js';
import type { MessageView, TokenUsage } from '../subjects.js';
import { errorEvent, publishGenerationEvent } from './generation-events.js';
import { rememberMessage } from './history-cache.js';
import { releaseConversation } from './turn-locks.js';
import { messageView, previewOf } from './views.js';

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
}

const whereGenerating = (generationId: string) => ({ generation_id: generationId, role: 'assistant' as const, status: 'generating' as const });

async function countMessage(infra: Infra, conversationId: string, preview?: string): Promise<void> {
  await Conversation.update(
    {
      message_count: Conversation.sequelize!.literal('message_count + 1') as unknown as number,
      last_message_at: infra.clock.now(),
      ...(preview !== undefined ? { last_message_preview: previewOf(preview) } : {}),
    },
    { where: { id: conversationId } },
  );
}

/** Stores a finished (or cancelled) reply with its usage and charges it; null if the turn was already failed. */
export async function storeReply(infra: Infra, turn: TurnRef, reply: FinishedReply): Promise<MessageView | null> {
  const [updated] = await Message.update(
    { content: reply.content, status: reply.status, prompt_tokens: reply.usage.prompt_tokens, completion_tokens: reply.usage.completion_tokens },
    { where: whereGenerating(turn.generationId) },
  );
  if (updated === 0) return null;
  const message = await Message.findOne({ where: { generation_id: turn.generationId, role: 'assistant' } });
  await countMessage(infra, turn.conversationId, reply.content);
  await rememberMessage(infra, turn.conversationId, message!);
  await commitMessage(infra, turn.userId, turn.generationId, reply.usage).catch((error: Error) =>
    infra.log.error({ err: error.message, generationId: turn.generationId }, 'could not commit usage to the quota pool'),
  );
  await releaseConversation(infra, turn.conversationId, turn.generationId);
  return messageView(message!);
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
  const conversation = await Conversation.findByPk(assistant.conversation_id, { attributes: ['id', 'user_id'] });
  await countMessage(infra, assistant.conversation_id);
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
