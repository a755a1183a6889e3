import { Op, cast, col, literal, where } from 'sequelize';
import {
  Conversation, Payment, Session, Subscription, User, UserCharacterSetting, UserInterest, WebhookEvent,
} from '../db/models/index.js';
import type { Infra } from '../infra.js';
import { forgetHistory } from '../chat/history-cache.js';
import { callWorker } from '../rpc.js';
import { createBlobStore } from '../storage/index.js';
import { revokeAllSessions } from './sessions.js';
import { profileChanged } from './profile.js';

/** States in which Razorpay may still charge the card; an erased account must not be billed again. */
const CHARGEABLE = ['authenticated', 'active', 'pending', 'halted', 'paused'];
const ERASED = '[erased]';
/** Ids of closed accounts, as a subquery. */
const literalClosedUsers = literal('(SELECT id FROM users WHERE deleted_at IS NOT NULL)');
/** Fields of Razorpay payloads that name a person. */
const PERSONAL_FIELDS = new Set(['email', 'contact', 'name', 'vpa', 'customer_email', 'customer_contact']);

function redact(value: unknown, email: string | null): unknown {
  if (Array.isArray(value)) return value.map((item) => redact(item, email));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, PERSONAL_FIELDS.has(key) && typeof item === 'string' ? ERASED : redact(item, email)]),
    );
  }
  if (typeof value === 'string' && email && value.toLowerCase().includes(email)) return ERASED;
  return value;
}

/** Razorpay webhook bodies of this user's subscriptions and payments carry their email and phone. */
async function redactWebhookEvents(references: string[], email: string | null): Promise<void> {
  const needles = [...references, ...(email ? [email] : [])];
  if (needles.length === 0) return;
  const payloadText = cast(col('payload'), 'CHAR');
  const events = await WebhookEvent.findAll({
    where: { [Op.or]: needles.map((needle) => where(payloadText, Op.like, `%${needle.replace(/[%_\\]/g, '\\$&')}%`)) },
  });
  for (const event of events) await event.update({ payload: redact(event.payload, email) as Record<string, unknown> });
}

async function cancelBilling(infra: Infra, userId: string): Promise<void> {
  const chargeable = await Subscription.count({ where: { user_id: userId, status: { [Op.in]: CHARGEABLE } } });
  if (!chargeable) return;
  await callWorker(infra.nc, infra.subjects.billing.cancelSubscription, { user_id: userId, at_period_end: false }, infra.config.RPC_TIMEOUT_MS)
    .catch((error: Error) => infra.log.warn({ err: error.message, user_id: userId }, 'could not cancel the subscription of an erased account'));
}

/**
 * DELETE /v1/me (DPDP Act, right of erasure), the part that cannot wait: every session dies, billing
 * stops, and the personal data outside the chat history goes — profile, interests, sessions and
 * refresh tokens; payments and subscriptions are kept for tax records but no longer point at the
 * user, and the stored webhook bodies lose the payer's contact details. The users row stays as a
 * tombstone (id and deleted_at only), so a token of the erased account is refused and never
 * re-provisioned. The heavy part — conversations, messages, archives, avatars — is `eraseUserContent`,
 * run by the archival pool's `erasure` job.
 */
export async function closeAccount(infra: Infra, userId: string): Promise<void> {
  const user = await User.findByPk(userId);
  if (!user || user.deleted_at) return;
  await revokeAllSessions(infra, userId);
  await cancelBilling(infra, userId);

  const email = user.email?.toLowerCase() ?? null;
  const subscriptions = await Subscription.findAll({ where: { user_id: userId }, attributes: ['id'] });
  const payments = await Payment.findAll({ where: { user_id: userId }, attributes: ['id'] });

  await infra.sequelize.transaction(async (transaction) => {
    await UserInterest.destroy({ where: { user_id: userId }, transaction });
    await UserCharacterSetting.update({ nickname: null }, { where: { user_id: userId }, transaction });
    await Session.destroy({ where: { user_id: userId }, transaction });
    await Subscription.update({ user_id: null }, { where: { user_id: userId }, transaction });
    await Payment.update({ user_id: null }, { where: { user_id: userId }, transaction });
    await user.update(
      {
        email: null, password_hash: null, display_name: null, preferred_language: 'en', is_admin: false,
        plan: 'free', plan_expires_at: null, last_matched_character_id: null, deleted_at: infra.clock.now(),
      },
      { transaction },
    );
  });

  profileChanged(infra, userId);
  await redactWebhookEvents([...subscriptions, ...payments].map((row) => row.id), email);
  await infra.redis.del(infra.key('plan', userId)).catch(() => undefined);
  infra.log.info({ user_id: userId }, 'account closed; its content is erased in the background');
}

/** Conversations removed per transaction, so erasing a long history never holds one huge transaction. */
const CONVERSATION_BATCH = 20;

/**
 * The heavy part of an erasure: the conversations (their messages and archives go by cascade),
 * character settings and uploaded avatars, and their caches. Only for a closed account; idempotent.
 */
export async function eraseUserContent(infra: Infra, userId: string): Promise<{ conversations: number; avatars: number }> {
  const user = await User.findByPk(userId, { attributes: ['id', 'deleted_at'] });
  if (!user?.deleted_at) return { conversations: 0, avatars: 0 };

  const settings = await UserCharacterSetting.findAll({ where: { user_id: userId } });
  const store = createBlobStore(infra.config);
  const avatars = settings.filter((setting) => setting.avatar_key);
  for (const setting of avatars) {
    await store.delete(setting.avatar_key!).catch((error: Error) => infra.log.warn({ err: error.message }, 'could not delete an avatar'));
  }
  await UserCharacterSetting.destroy({ where: { user_id: userId } });

  let conversations = 0;
  for (;;) {
    const batch = await Conversation.findAll({ where: { user_id: userId }, attributes: ['id'], limit: CONVERSATION_BATCH });
    if (batch.length === 0) break;
    const ids = batch.map((conversation) => conversation.id);
    await Conversation.destroy({ where: { id: ids } });
    for (const id of ids) await forgetHistory(infra, id);
    conversations += ids.length;
  }
  infra.log.info({ user_id: userId, conversations, avatars: avatars.length }, 'account content erased');
  return { conversations, avatars: avatars.length };
}

/** Closed accounts whose content is still stored (an erasure job that never ran, or failed). */
export async function accountsAwaitingErasure(limit: number): Promise<string[]> {
  const [conversationOwners, settingOwners] = await Promise.all([
    Conversation.findAll({
      attributes: ['user_id'],
      where: { user_id: { [Op.in]: literalClosedUsers } },
      group: ['user_id'],
      limit,
    }),
    UserCharacterSetting.findAll({ attributes: ['user_id'], where: { user_id: { [Op.in]: literalClosedUsers } }, group: ['user_id'], limit }),
  ]);
  return [...new Set([...conversationOwners, ...settingOwners].map((row) => row.user_id))];
}
