import { gunzipSync, gzipSync } from 'node:zlib';
import { Op, type InferAttributes, type Transaction } from 'sequelize';
import { Conversation, Message, MessageArchive } from '../db/models/index.js';
import type { Infra } from '../infra.js';

type StoredMessage = InferAttributes<Message>;

const encode = (messages: StoredMessage[]): Buffer =>
  gzipSync(Buffer.from(JSON.stringify(messages.map((message) => ({ ...message, created_at: message.created_at.toISOString() }))), 'utf8'));

const decode = (payload: Buffer): StoredMessage[] =>
  (JSON.parse(gunzipSync(payload).toString('utf8')) as Array<StoredMessage & { created_at: string }>).map((message) => ({
    ...message,
    created_at: new Date(message.created_at),
  }));

/** Locks the conversation row so an archive and a restore of the same conversation never interleave. */
const lockConversation = (id: string, transaction: Transaction) =>
  Conversation.findByPk(id, { transaction, lock: transaction.LOCK.UPDATE });

/**
 * Moves one conversation's messages into a single gzip'd JSON row and out of the hot table; returns how
 * many moved, or null for a conversation skipped because it is already archived, was written to since
 * the cut-off, or is still generating a reply.
 */
export async function archiveConversation(infra: Infra, conversationId: string, idleBefore: Date): Promise<number | null> {
  return infra.sequelize.transaction(async (transaction) => {
    const conversation = await lockConversation(conversationId, transaction);
    if (!conversation || conversation.archived_at || !conversation.last_message_at || conversation.last_message_at >= idleBefore) return null;
    const messages = await Message.findAll({
      where: { conversation_id: conversationId },
      order: [['created_at', 'ASC'], ['id', 'ASC']],
      transaction,
    });
    if (messages.some((message) => message.status === 'generating')) return null;
    await MessageArchive.create(
      { conversation_id: conversationId, payload: encode(messages.map((message) => message.get({ plain: true }) as StoredMessage)), message_count: messages.length },
      { transaction },
    );
    await Message.destroy({ where: { conversation_id: conversationId }, transaction });
    await conversation.update({ archived_at: infra.clock.now() }, { transaction });
    return messages.length;
  });
}

/** Brings an archived conversation's messages back into the hot table, exactly as they were. */
export async function restoreConversation(infra: Infra, conversationId: string): Promise<number> {
  return infra.sequelize.transaction(async (transaction) => {
    const conversation = await lockConversation(conversationId, transaction);
    if (!conversation?.archived_at) return 0;
    const archive = await MessageArchive.findByPk(conversationId, { transaction });
    const messages = archive ? decode(archive.payload) : [];
    if (messages.length) await Message.bulkCreate(messages, { transaction });
    await archive?.destroy({ transaction });
    await conversation.update({ archived_at: null }, { transaction });
    return messages.length;
  });
}

/** Restores the conversation first if its history was archived; a no-op (no lock) otherwise. */
export async function ensureRestored(infra: Infra, conversation: Pick<Conversation, 'id' | 'archived_at'>): Promise<void> {
  if (conversation.archived_at) await restoreConversation(infra, conversation.id);
}

/** Conversations idle since before the cut-off whose history still sits in the hot table. */
export async function idleConversationIds(idleBefore: Date, afterId: string, limit: number): Promise<string[]> {
  const rows = await Conversation.findAll({
    attributes: ['id'],
    where: { archived_at: null, last_message_at: { [Op.lt]: idleBefore }, id: { [Op.gt]: afterId } },
    order: [['id', 'ASC']],
    limit,
  });
  return rows.map((row) => row.id);
}
