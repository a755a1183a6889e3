import { hotSelect, hotWrite } from '../../../shared/db/hot-sql.js';
import { joinedStatements, oneWritePer } from '../../../shared/db/joined-statements.js';
import type { Infra } from '../../../shared/infra.js';
import { perInfra } from '../../../shared/per-infra.js';

/** A new rolling summary, to land only over the one it was folded from. */
export interface FoldRow {
  conversationId: string;
  summary: string;
  throughMessageId: string;
  /** The summary's last message when the fold read it (null: there was no summary). */
  previousThroughId: string | null;
  updatedAt: string;
}

/**
 * Ids compare in the schema's collation: a derived table's column takes the connection's, which MySQL
 * may refuse to mix with the column's (bug #94988). The cast gives a NULL a character set to collate.
 */
const asId = 'CAST(? AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_unicode_ci';
const FOLD_VALUES = `SELECT ${asId} AS id, ? AS summary, ? AS through_id, ${asId} AS previous_through, ? AS updated_at`;

/** A fold lands only if no other fold moved the summary since this one read it (`<=>`: NULL matches NULL). */
const storeFolds = (count: number) => `UPDATE conversations c
JOIN (${Array.from({ length: count }, () => FOLD_VALUES).join(' UNION ALL ')}) f ON f.id = c.id
SET c.summary = f.summary, c.summary_through_message_id = f.through_id, c.updated_at = f.updated_at
WHERE c.summary_through_message_id <=> f.previous_through`;

const valuesOf = (row: FoldRow) => [row.conversationId, row.summary, row.throughMessageId, row.previousThroughId, row.updatedAt];

/** Which folds this statement stored: all when every row changed, else those whose summary now ends where theirs does. */
async function landedOf(infra: Infra, rows: readonly FoldRow[], changed: number): Promise<boolean[]> {
  if (changed === rows.length) return rows.map(() => true);
  const now = await hotSelect<{ id: string; summary_through_message_id: string | null }>(
    infra, 'SELECT id, summary_through_message_id FROM conversations WHERE id IN (?)', [rows.map((row) => row.conversationId)],
  );
  const through = new Map(now.map((conversation) => [conversation.id, conversation.summary_through_message_id]));
  return rows.map((row) => through.get(row.conversationId) === row.throughMessageId);
}

async function storeTogether(infra: Infra, rows: readonly FoldRow[]): Promise<boolean[]> {
  const changed = await hotWrite(infra, storeFolds(rows.length), rows.flatMap(valuesOf));
  return landedOf(infra, rows, changed);
}

/**
 * Folds land by group commit: in a long chat one comes every few turns, and alone they were most of
 * the statements a turn cost. Two folds of one conversation never share a statement.
 */
const foldWrites = perInfra((infra) => joinedStatements<FoldRow, boolean>((rows) => storeTogether(infra, rows), {
  joinable: oneWritePer((row) => row.conversationId),
  groupCommit: true,
}));

/** Stores a fold; false when another fold moved the summary first. */
export const storeFold = (infra: Infra, row: FoldRow): Promise<boolean> => foldWrites(infra).load(row);
