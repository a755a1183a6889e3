import { z } from 'zod';
import { AppError } from '../../../shared/errors.js';
import { messageView } from '../../../shared/chat/views.js';
import { defineHandler } from '../../runtime.js';
import { persistTurn } from '../generation/persist-turn.js';
import { registryFor } from '../generation/registry.js';
import { runGeneration } from '../generation/run.js';

const schema = z.object({
  generation_id: z.string().min(1),
  conversation_id: z.string().min(1),
  user_id: z.string().min(1),
  user_message_id: z.string().min(1),
  plan: z.enum(['free', 'pro']),
  content: z.string().min(1),
  client_message_id: z.string().nullable(),
  quota: z.object({ remaining: z.number(), resets_at: z.string() }),
});

/**
 * Accepts a chat turn: stores the user message and answers at once; the reply is generated after
 * the answer and streams through the generation's JetStream subject.
 */
export const generateHandler = defineHandler({
  subject: (subjects) => subjects.chat.generate,
  schema,
  handle: async (request, infra) => {
    const { user, created, conversation } = await persistTurn(infra, request);
    if (!created && user.generation_id !== request.generation_id) {
      throw new AppError('conflict', 'This message was already sent', { generation_id: user.generation_id });
    }
    registryFor(infra).start(request.generation_id, (signal) => runGeneration(infra, request, { user, conversation }, signal));
    return { generation_id: request.generation_id, instance: infra.instance, user_message: messageView(user) };
  },
});
