import { gunzipSync } from 'node:zlib';
import { Op, type Model } from 'sequelize';
import {
  Conversation, Message, MessageArchive, Payment, Session, Subscription, UsageDaily, User, UserCharacterSetting, UserInterest,
} from '../db/models/index.js';
import { notFound } from '../errors.js';
import type { Infra } from '../infra.js';

const plain = (row: Model) => row.get({ plain: true }) as Record<string, unknown>;

/**
 * Messages of an archived conversation. The archival job stores them as gzip'd JSON
 * (shared/archive/conversation-archive.ts); an export must read them without restoring them.
 */
function archivedMessages(archive: MessageArchive | undefined): Array<Record<string, unknown>> {
  if (!archive) return [];
  try {
    return JSON.parse(gunzipSync(archive.payload).toString('utf8')) as Array<Record<string, unknown>>;
  } catch {
    return [];
  }
}

const messageFields = ['id', 'role', 'content', 'language', 'status', 'client_message_id', 'prompt_tokens', 'completion_tokens', 'created_at'];
const pick = (row: Record<string, unknown>, fields: string[]) => Object.fromEntries(fields.map((field) => [field, row[field] ?? null]));

/** Every datum stored about a user (DPDP Act, right of access), as one JSON document. */
export async function exportUserData(infra: Infra, userId: string): Promise<Record<string, unknown>> {
  const user = await User.findByPk(userId);
  if (!user || user.deleted_at) throw notFound('account');
  const { password_hash: passwordHash, ...profile } = plain(user);

  const conversations = await Conversation.findAll({ where: { user_id: userId }, order: [['created_at', 'ASC']] });
  const ids = conversations.map((conversation) => conversation.id);
  const [messages, archives, interests, sessions, settings, usage, subscriptions, payments] = await Promise.all([
    Message.findAll({ where: { conversation_id: { [Op.in]: ids } }, order: [['created_at', 'ASC'], ['id', 'ASC']] }),
    MessageArchive.findAll({ where: { conversation_id: { [Op.in]: ids } } }),
    UserInterest.findAll({ where: { user_id: userId } }),
    Session.findAll({ where: { user_id: userId }, order: [['created_at', 'ASC']] }),
    UserCharacterSetting.findAll({ where: { user_id: userId } }),
    UsageDaily.findAll({ where: { user_id: userId }, order: [['date', 'ASC']] }),
    Subscription.findAll({ where: { user_id: userId }, order: [['created_at', 'ASC']] }),
    Payment.findAll({ where: { user_id: userId }, order: [['created_at', 'ASC']] }),
  ]);

  return {
    exported_at: infra.clock.now().toISOString(),
    profile: { ...profile, has_password: passwordHash !== null },
    interests: interests.map((row) => row.interest_slug),
    sessions: sessions.map((row) => pick(plain(row), ['id', 'user_agent', 'ip', 'created_at', 'last_seen_at', 'expires_at', 'revoked_at'])),
    character_settings: settings.map(plain),
    conversations: conversations.map((conversation) => {
      const { summary_through_message_id: _through, ...fields } = plain(conversation);
      const live = messages.filter((message) => message.conversation_id === conversation.id).map((message) => plain(message));
      const archived = archivedMessages(archives.find((archive) => archive.conversation_id === conversation.id));
      return { ...fields, messages: [...archived, ...live].map((message) => pick(message, messageFields)) };
    }),
    usage: usage.map(plain),
    subscriptions: subscriptions.map(plain),
    payments: payments.map(plain),
  };
}
