import { Conversation, Message } from '../db/models/index.js';
import { notFound } from '../errors.js';
import type { Infra } from '../infra.js';
import { encodeJson } from '../rpc.js';
import { messageView } from './views.js';

/** A generation of this user's (found through its user message); another user's is a 404. */
export async function ownedGeneration(userId: string, generationId: string) {
  const userMessage = await Message.findOne({ where: { generation_id: generationId, role: 'user' } });
  const conversation = userMessage ? await Conversation.findByPk(userMessage.conversation_id, { attributes: ['id', 'user_id'] }) : null;
  if (!userMessage || !conversation || conversation.user_id !== userId) throw notFound('generation');
  return { userMessage: messageView(userMessage), conversationId: conversation.id };
}

/** Asks whichever llm worker runs the generation to stop; it ends with `done` and a `partial` reply. */
export async function cancelGeneration(infra: Infra, userId: string, generationId: string): Promise<void> {
  await ownedGeneration(userId, generationId);
  infra.nc.publish(infra.subjects.chat.cancel(generationId).subject, encodeJson({ generation_id: generationId }));
  await infra.nc.flush();
}
