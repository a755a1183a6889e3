import DataLoader from 'dataloader';
import { Op, type Transaction, type WhereOptions } from 'sequelize';
import { ensureRestored } from '../archive/conversation-archive.js';
import { getCharacter } from '../characters/catalogue.js';
import { isLockedFor, localisedTexts } from '../characters/views.js';
import type { CharacterRecord } from '../characters/types.js';
import { Conversation, Message, User } from '../db/models/index.js';
import { AppError, notFound } from '../errors.js';
import { newId } from '../ids.js';
import { hotSelect } from '../db/hot-sql.js';
import type { Infra } from '../infra.js';
import type { LanguageCode } from '../languages.js';
import { perInfra } from '../per-infra.js';
import type { Plan } from '../subjects.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { previewOf } from './views.js';

export interface Owner {
  user_id: string;
  plan: Plan;
}

/**
 * A conversation of this user; another user's is as absent as a missing one (404, never 403). Only
 * its exact id finds it, as on a chat turn, not an id the column's collation deems equal.
 */
export async function ownedConversation(userId: string, id: string): Promise<Conversation> {
  const conversation = await Conversation.findByPk(id);
  if (!conversation || conversation.id !== id || conversation.user_id !== userId) throw notFound('conversation');
  return conversation;
}

/** What a chat turn reads of its conversation. */
export type TurnConversation = Pick<
  Conversation,
  'id' | 'user_id' | 'character_id' | 'language' | 'status' | 'archived_at' | 'summary' | 'summary_through_message_id'
>;

/**
 * The rows of the turns' owner checks, read together: the checks that arrive in one turn of the
 * event loop (one read of the NATS socket often carries several turns) go to MySQL as one
 * statement. Measured in the llm worker, a statement's socket write and the MariaDB thread it
 * wakes cost more CPU than the row it reads. An id is matched exactly, never by the column's
 * collation, so only a conversation's own id finds it.
 */
const turnConversations = perInfra((infra) => new DataLoader<string, TurnConversation | undefined>(
  async (ids) => {
    const rows = await hotSelect<TurnConversation>(
      infra,
      `SELECT id, user_id, character_id, language, status, archived_at, summary, summary_through_message_id
       FROM conversations WHERE id IN (?)`,
      [ids],
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id));
  },
  { cache: false, maxBatchSize: 100 },
));

/**
 * `ownedConversation` for the hottest read of the service, every chat turn: the columns a turn
 * needs, as a plain row, without building a model instance.
 */
export async function ownedTurnConversation(infra: Infra, userId: string, id: string): Promise<TurnConversation> {
  const row = await turnConversations(infra).load(id);
  if (!row || row.user_id !== userId) throw notFound('conversation');
  return row;
}

const activeLimit = (infra: Infra, plan: Plan) =>
  plan === 'pro' ? infra.config.PRO_MAX_ACTIVE_CONVERSATIONS : infra.config.FREE_MAX_ACTIVE_CONVERSATIONS;

/**
 * Runs `work` holding the user's row lock, so concurrent requests of one user that count and then
 * add active conversations take turns: the active limit holds under concurrency.
 */
const withUserLock = <T>(infra: Infra, userId: string, work: (transaction: Transaction) => Promise<T>): Promise<T> =>
  infra.sequelize.transaction(async (transaction) => {
    await User.findByPk(userId, { attributes: ['id'], transaction, lock: transaction.LOCK.UPDATE });
    return work(transaction);
  });

/** 402 when one more active conversation would pass the plan's limit; names the active ones. */
async function ensureRoomForActive(infra: Infra, owner: Owner, transaction: Transaction): Promise<void> {
  const active = await Conversation.findAll({
    where: { user_id: owner.user_id, status: 'active' },
    attributes: ['id'],
    order: [['last_message_at', 'DESC']],
    transaction,
  });
  const limit = activeLimit(infra, owner.plan);
  if (active.length >= limit) {
    throw new AppError('pro_required', `Your plan allows ${limit} active conversation${limit === 1 ? '' : 's'}; end one first`, {
      active_conversation_ids: active.map((conversation) => conversation.id),
    });
  }
}

/** Character Card placeholders in greetings. */
const fillPlaceholders = (text: string, character: string, user: string | null) =>
  text.replace(/\{\{char\}\}/gi, character).replace(/\{\{user\}\}/gi, user ?? 'friend');

async function startConversation(
  infra: Infra,
  owner: Owner,
  character: CharacterRecord,
  language: LanguageCode,
  displayName: string | null,
  transaction: Transaction,
) {
  const texts = localisedTexts(character, language);
  const greeting = fillPlaceholders(texts.greeting, texts.name, displayName);
  // A character with no greeting in this language greets in English, and the message says so.
  const greetingLanguage = character.translations[language] ? language : 'en';
  const now = infra.clock.now();
  const conversation = await Conversation.create(
    {
      id: newId(), user_id: owner.user_id, character_id: character.id, language, title: texts.name,
      message_count: 1, last_message_at: now, last_message_preview: previewOf(greeting),
    },
    { transaction },
  );
  const message = await Message.create(
    { id: newId(), conversation_id: conversation.id, role: 'assistant', content: greeting, language: greetingLanguage, status: 'complete', created_at: now },
    { transaction },
  );
  return { conversation, messages: [message] };
}

/**
 * Opens a new conversation with a character, greeting first, within the plan's active limit. Each
 * character's earlier conversations keep their history: going back to a character is continuing
 * its conversation (listed by `character_id`), not opening one.
 */
export async function openConversation(infra: Infra, owner: Owner, input: { character_id: string; language?: LanguageCode }) {
  const character = await getCharacter(infra, input.character_id);
  if (!character) throw notFound('character');
  if (isLockedFor(character, owner.plan)) throw new AppError('pro_required', 'This character is for Pro members');
  const user = await User.findByPk(owner.user_id, { attributes: ['preferred_language', 'display_name'] });
  const language = input.language ?? ((user?.preferred_language ?? 'en') as LanguageCode);
  return withUserLock(infra, owner.user_id, async (transaction) => {
    await ensureRoomForActive(infra, owner, transaction);
    return startConversation(infra, owner, character, language, user?.display_name ?? null, transaction);
  });
}

export async function listConversations(
  userId: string,
  filters: { character_id?: string; status?: 'active' | 'ended'; limit: number; cursor?: string },
) {
  const where: WhereOptions<Conversation>[] = [{ user_id: userId }];
  if (filters.character_id) where.push({ character_id: filters.character_id });
  if (filters.status) where.push({ status: filters.status });
  if (filters.cursor) {
    const [at, id] = decodeCursor(filters.cursor);
    where.push({ [Op.or]: [{ last_message_at: { [Op.lt]: new Date(at) } }, { last_message_at: new Date(at), id: { [Op.lt]: id } }] });
  }
  const rows = await Conversation.findAll({
    where: { [Op.and]: where },
    order: [['last_message_at', 'DESC'], ['id', 'DESC']],
    limit: filters.limit + 1,
  });
  const items = rows.slice(0, filters.limit);
  const last = items.at(-1);
  const next = rows.length > filters.limit && last ? encodeCursor([last.last_message_at!.toISOString(), last.id]) : null;
  return { items, next_cursor: next };
}

export async function endConversation(userId: string, id: string): Promise<void> {
  const conversation = await ownedConversation(userId, id);
  if (conversation.status !== 'ended') await conversation.update({ status: 'ended' });
}

/** Pro only: an ended conversation becomes active again, within the active limit. */
export async function resumeConversation(infra: Infra, owner: Owner, id: string): Promise<Conversation> {
  const conversation = await ownedConversation(owner.user_id, id);
  if (owner.plan !== 'pro') throw new AppError('pro_required', 'Resuming a conversation is a Pro feature');
  if (conversation.status === 'active') return conversation;
  return withUserLock(infra, owner.user_id, async (transaction) => {
    await ensureRoomForActive(infra, owner, transaction);
    return conversation.update({ status: 'active' }, { transaction });
  });
}

/**
 * Messages walking back in time: the page before `before` (or the latest), in chronological order.
 * An archived history is brought back first, so reading it needs nothing from the client.
 */
export async function messagePage(infra: Infra, conversation: Pick<Conversation, 'id' | 'archived_at'>, options: { before?: string; limit: number }) {
  await ensureRestored(infra, conversation);
  const conversationId = conversation.id;
  const where: WhereOptions<Message>[] = [{ conversation_id: conversationId }, { status: { [Op.ne]: 'generating' } }];
  if (options.before) {
    const anchor = await Message.findOne({ where: { id: options.before, conversation_id: conversationId } });
    if (!anchor) throw new AppError('validation_failed', 'The query string is invalid', { issues: [{ path: 'before', message: 'no such message in this conversation' }] });
    where.push({
      [Op.or]: [{ created_at: { [Op.lt]: anchor.created_at } }, { created_at: anchor.created_at, id: { [Op.lt]: anchor.id } }],
    });
  }
  const rows = await Message.findAll({ where: { [Op.and]: where }, order: [['created_at', 'DESC'], ['id', 'DESC']], limit: options.limit + 1 });
  const items = rows.slice(0, options.limit).reverse();
  return { items, next_cursor: rows.length > options.limit ? items[0]!.id : null };
}
