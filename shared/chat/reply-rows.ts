import { hotSelect, hotWrite } from '../db/hot-sql.js';
import { joinedStatements, oneWritePer } from '../db/joined-statements.js';
import type { Infra } from '../infra.js';
import { perInfra } from '../per-infra.js';

/** A finished reply as it is written over its placeholder, with its conversation's new last message. */
export interface ReplyRow {
  messageId: string;
  conversationId: string;
  content: string;
  status: 'complete' | 'partial';
  promptTokens: number;
  completionTokens: number;
  lastMessageAt: string;
  preview: string;
  updatedAt: string;
}

/**
 * The id names the schema's collation: a derived table's column takes the connection's, and MySQL
 * refuses some mixes of the two in a join (bug #94988). Named, the join compares as the primary key does.
 */
const REPLY_VALUES = 'SELECT ? COLLATE utf8mb4_unicode_ci AS id, ? AS content, ? AS status, ? AS prompt_tokens, ? AS completion_tokens, ? AS at, ? AS preview, ? AS updated_at';

/**
 * The replies and their conversations' counts in one statement, written by hand (it runs on every
 * turn): a conversation moves only with a reply that was still `generating`, so a turn is never
 * counted twice.
 */
const storeReplies = (count: number) => `UPDATE messages m JOIN conversations c ON c.id = m.conversation_id
JOIN (${Array.from({ length: count }, () => REPLY_VALUES).join(' UNION ALL ')}) r ON r.id = m.id
SET m.content = r.content, m.status = r.status, m.prompt_tokens = r.prompt_tokens, m.completion_tokens = r.completion_tokens,
    c.message_count = c.message_count + 2, c.last_message_at = r.at, c.last_message_preview = r.preview, c.updated_at = r.updated_at
WHERE m.status = 'generating'`;

const valuesOf = (row: ReplyRow) => [
  row.messageId, row.content, row.status, row.promptTokens, row.completionTokens, row.lastMessageAt, row.preview, row.updatedAt,
];

/**
 * Which of the replies this statement stored. All of them when every reply and its conversation
 * changed (the usual case); else the placeholders that now hold their reply. The only other writer
 * of a placeholder is the watchdog, which marks it `failed`, and a reply stored twice is charged
 * once all the same: the quota settles a reservation once.
 */
async function storedOf(infra: Infra, rows: readonly ReplyRow[], changed: number): Promise<boolean[]> {
  if (changed === rows.length * 2) return rows.map(() => true);
  const now = await hotSelect<{ id: string; status: string; content: string }>(
    infra, 'SELECT id, status, content FROM messages WHERE id IN (?)', [rows.map((row) => row.messageId)],
  );
  const held = new Map(now.map((message) => [message.id, message]));
  return rows.map((row) => {
    const message = held.get(row.messageId);
    return message?.status === row.status && message.content === row.content;
  });
}

async function storeTogether(infra: Infra, rows: readonly ReplyRow[]): Promise<boolean[]> {
  const changed = await hotWrite(infra, storeReplies(rows.length), rows.flatMap(valuesOf));
  return storedOf(infra, rows, changed);
}

/**
 * The replies that end while the last store runs (or in one pass of the event loop) are stored by one
 * UPDATE. A conversation row moves once a statement however often it is joined, so replies of one
 * conversation (its lock lapsed) are stored one by one.
 */
const replyWrites = perInfra((infra) => joinedStatements<ReplyRow, boolean>((rows) => storeTogether(infra, rows), {
  joinable: oneWritePer((row) => row.conversationId),
  groupCommit: true,
}));

/** Stores a reply over its placeholder; false when the turn had already ended (failed by the watchdog). */
export const storeReplyRow = (infra: Infra, row: ReplyRow): Promise<boolean> => replyWrites(infra).load(row);
