import { UniqueConstraintError } from 'sequelize';
import { Message } from '../../../shared/db/models/index.js';
import { rememberMessage } from '../../../shared/chat/history-cache.js';
import { newId } from '../../../shared/ids.js';
import type { Infra } from '../../../shared/infra.js';
import type { GenerateRequest } from '../../../shared/subjects.js';

/** The turn's two rows, or the message an earlier attempt stored under the same `client_message_id`. */
export type StoredTurn = { created: true; user: Message; assistant: Message } | { created: false; earlier: Message };

/**
 * Stores the user's message (in the language its script says) and the assistant's placeholder in one
 * INSERT, so both exist or neither. The conversation's counters move when the turn ends.
 */
export async function persistTurn(infra: Infra, request: GenerateRequest, language: string): Promise<StoredTurn> {
  const now = infra.clock.now();
  const conversationId = request.conversation.id;
  try {
    const [user, assistant] = await Message.bulkCreate([
      {
        id: request.user_message_id,
        conversation_id: conversationId,
        role: 'user',
        content: request.content,
        language,
        status: 'complete',
        client_message_id: request.client_message_id,
        generation_id: request.generation_id,
        created_at: now,
      },
      {
        id: newId(),
        conversation_id: conversationId,
        role: 'assistant',
        content: '',
        language,
        status: 'generating',
        generation_id: request.generation_id,
        created_at: new Date(now.getTime() + 1),
      },
    ]);
    await rememberMessage(infra, conversationId, user!);
    return { created: true, user: user!, assistant: assistant! };
  } catch (error) {
    if (!(error instanceof UniqueConstraintError) || !request.client_message_id) throw error;
    const earlier = await Message.findOne({ where: { conversation_id: conversationId, client_message_id: request.client_message_id } });
    if (!earlier) throw error;
    return { created: false, earlier };
  }
}
