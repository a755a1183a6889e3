import { Message } from '../../../shared/db/models/index.js';
import { DUPLICATE_KEY, hotWrite, sqlErrorCode } from '../../../shared/db/hot-sql.js';
import { joinedStatements } from '../../../shared/db/joined-statements.js';
import { sqlTime } from '../../../shared/db/sql-time.js';
import type { MessageFields } from '../../../shared/chat/views.js';
import { newId } from '../../../shared/ids.js';
import type { Infra } from '../../../shared/infra.js';
import { perInfra } from '../../../shared/per-infra.js';
import type { GenerateRequest, QuotaSnapshot } from '../../../shared/subjects.js';

/** The turn's two rows, or the message an earlier attempt stored under the same `client_message_id`. */
export type StoredTurn = { created: true; user: MessageFields; assistant: MessageFields } | { created: false; earlier: Message };

/** A stored turn with the quota it was charged: what a generation needs before it publishes. */
export type AdmittedTurn = (Extract<StoredTurn, { created: true }> & { quota: QuotaSnapshot }) | Extract<StoredTurn, { created: false }>;

const TURN_ROWS = `(?, ?, 'user', ?, ?, 'complete', ?, ?, ?), (?, ?, 'assistant', '', ?, 'generating', NULL, ?, ?)`;

/** A turn's two rows, written by hand: the hottest INSERT of the service skips the model layer. */
const insertTurns = (count: number) =>
  `INSERT INTO messages (id, conversation_id, role, content, language, status, client_message_id, generation_id, created_at)
VALUES ${Array.from({ length: count }, () => TURN_ROWS).join(', ')}`;

/** The turns let in together are stored by one INSERT, each with its two rows. */
const turnInserts = perInfra((infra) => joinedStatements<unknown[], true>(async (turns) => {
  await hotWrite(infra, insertTurns(turns.length), turns.flat());
  return turns.map(() => true as const);
}));

const row = (fields: Pick<MessageFields, 'id' | 'role' | 'content' | 'language' | 'status' | 'created_at'>): MessageFields =>
  ({ ...fields, prompt_tokens: null, completion_tokens: null });

/**
 * Stores the user's message (in the language its script says) and the assistant's placeholder in one
 * statement, so both exist or neither. The conversation's counters and its cached history move when the
 * turn ends.
 */
export async function persistTurn(infra: Infra, request: GenerateRequest, language: string): Promise<StoredTurn> {
  const now = infra.clock.now();
  const conversationId = request.conversation_id;
  const user = row({ id: request.user_message_id, role: 'user', content: request.content, language, status: 'complete', created_at: now });
  const assistant = row({ id: newId(), role: 'assistant', content: '', language, status: 'generating', created_at: new Date(now.getTime() + 1) });
  try {
    await turnInserts(infra).load([
      user.id, conversationId, user.content, language, request.client_message_id, request.generation_id, sqlTime(user.created_at),
      assistant.id, conversationId, language, request.generation_id, sqlTime(assistant.created_at),
    ]);
    return { created: true, user, assistant };
  } catch (error) {
    if (sqlErrorCode(error) !== DUPLICATE_KEY || !request.client_message_id) throw error;
    const earlier = await Message.findOne({ where: { conversation_id: conversationId, client_message_id: request.client_message_id } });
    if (!earlier) throw error;
    return { created: false, earlier };
  }
}
