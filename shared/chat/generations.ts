import { QueryTypes } from 'sequelize';
import { Message } from '../db/models/index.js';
import { notFound } from '../errors.js';
import type { Infra } from '../infra.js';
import { encodeJson } from '../rpc.js';
import { messageView, type MessageFields } from './views.js';

type OwnedGenerationRow = MessageFields & { conversation_id: string; user_id: string };

/** Every resumed stream asks, so the user message and its conversation's owner come in one plain read. */
const OWNED_GENERATION = `SELECT m.id, m.role, m.content, m.language, m.status, m.created_at, m.prompt_tokens, m.completion_tokens,
  m.conversation_id, c.user_id
FROM messages m JOIN conversations c ON c.id = m.conversation_id
WHERE m.generation_id = ? AND m.role = 'user' LIMIT 1`;

/** A generation of this user's (found through its user message); another user's is a 404. */
export async function ownedGeneration(infra: Infra, userId: string, generationId: string) {
  const [row] = await infra.sequelize.query<OwnedGenerationRow>(OWNED_GENERATION, { type: QueryTypes.SELECT, replacements: [generationId] });
  if (!row || row.user_id !== userId) throw notFound('generation');
  return { userMessage: messageView(row), conversationId: row.conversation_id };
}

/** `cancelling` while the reply generates; else how it ended, which a cancel no longer changes. */
export type CancelOutcome = 'cancelling' | 'complete' | 'partial' | 'failed';

/**
 * Asks whichever llm worker runs the generation to stop; it ends with `done` and a `partial` reply.
 * A generation that already ended is left as it is.
 */
export async function cancelGeneration(infra: Infra, userId: string, generationId: string): Promise<CancelOutcome> {
  await ownedGeneration(infra, userId, generationId);
  const reply = await Message.findOne({ where: { generation_id: generationId, role: 'assistant' }, attributes: ['status'] });
  if (reply && reply.status !== 'generating') return reply.status;
  infra.nc.publish(infra.subjects.chat.cancel(generationId).subject, encodeJson({ generation_id: generationId }));
  await infra.nc.flush();
  return 'cancelling';
}
