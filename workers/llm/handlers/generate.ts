import { ForeignKeyConstraintError } from 'sequelize';
import { z } from 'zod';
import { AppError } from '../../../shared/errors.js';
import { isLanguageCode } from '../../../shared/languages.js';
import { messageView } from '../../../shared/chat/views.js';
import { detectReplyLanguage } from '../../../shared/prompt/script.js';
import { defineHandler } from '../../runtime.js';
import { persistTurn } from '../generation/persist-turn.js';
import { registryFor } from '../generation/registry.js';
import { runGeneration } from '../generation/run.js';

const schema = z.object({
  generation_id: z.string().min(1),
  conversation: z.object({
    id: z.string().min(1),
    character_id: z.string().min(1),
    language: z.string(),
    summary: z.string().nullable(),
    summary_through_message_id: z.string().nullable(),
  }),
  user_id: z.string().min(1),
  user_message_id: z.string().min(1),
  plan: z.enum(['free', 'pro']),
  content: z.string().min(1),
  client_message_id: z.string().nullable(),
  quota: z.object({ remaining: z.number(), resets_at: z.string() }),
});

/**
 * Accepts a chat turn. The model is asked at once, while the user's message is stored: its tokens
 * are published only once the message is, and the answer goes back as soon as it is. A retried
 * `client_message_id` stored earlier answers with that attempt's generation to join.
 */
export const generateHandler = defineHandler({
  subject: (subjects) => subjects.chat.generate,
  schema,
  handle: async (request, infra) => {
    const language = detectReplyLanguage(request.content, isLanguageCode(request.conversation.language) ? request.conversation.language : 'en');
    const stored = persistTurn(infra, request, language).catch((error: unknown) => {
      if (error instanceof ForeignKeyConstraintError) throw new AppError('not_found', 'The conversation does not exist');
      throw error;
    });
    registryFor(infra).start(request.generation_id, (signal) => runGeneration(infra, request, { language, stored }, signal));
    const turn = await stored;
    if (turn.created) return { generation_id: request.generation_id, instance: infra.instance, user_message: messageView(turn.user), joined: false };
    return { generation_id: turn.earlier.generation_id!, instance: infra.instance, user_message: messageView(turn.earlier), joined: true };
  },
});
