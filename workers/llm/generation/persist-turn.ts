import { UniqueConstraintError } from 'sequelize';
import { Conversation, Message } from '../../../shared/db/models/index.js';
import { rememberMessage } from '../../../shared/chat/history-cache.js';
import { previewOf } from '../../../shared/chat/views.js';
import { AppError } from '../../../shared/errors.js';
import type { Infra } from '../../../shared/infra.js';
import { isLanguageCode } from '../../../shared/languages.js';
import { detectReplyLanguage } from '../../../shared/prompt/script.js';
import { newId } from '../../../shared/ids.js';
import type { GenerateRequest } from '../../../shared/subjects.js';

/**
 * Stores the user's message (with the language its script says) and the assistant's placeholder in
 * one transaction (one INSERT). A `client_message_id` seen before returns the stored message instead.
 */
export async function persistTurn(
  infra: Infra,
  request: GenerateRequest,
): Promise<{ user: Message; created: boolean; conversation: Conversation }> {
  const conversation = await Conversation.findByPk(request.conversation_id);
  if (!conversation || conversation.user_id !== request.user_id) throw new AppError('not_found', 'The conversation does not exist');
  const conversationLanguage = isLanguageCode(conversation.language) ? conversation.language : 'en';
  const language = detectReplyLanguage(request.content, conversationLanguage);
  const now = infra.clock.now();
  try {
    const user = await infra.sequelize.transaction(async (transaction) => {
      const [user] = await Message.bulkCreate(
        [
          {
            id: request.user_message_id,
            conversation_id: conversation.id,
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
            conversation_id: conversation.id,
            role: 'assistant',
            content: '',
            language,
            status: 'generating',
            generation_id: request.generation_id,
            created_at: new Date(now.getTime() + 1),
          },
        ],
        { transaction },
      );
      await conversation.update(
        { message_count: conversation.message_count + 1, last_message_at: now, last_message_preview: previewOf(request.content) },
        { transaction },
      );
      return user!;
    });
    await rememberMessage(infra, conversation.id, user);
    return { user, created: true, conversation };
  } catch (error) {
    if (!(error instanceof UniqueConstraintError) || !request.client_message_id) throw error;
    const user = await Message.findOne({ where: { conversation_id: conversation.id, client_message_id: request.client_message_id } });
    if (!user) throw error;
    return { user, created: false, conversation };
  }
}
