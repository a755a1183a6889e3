import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { QueryTypes } from 'sequelize';
import { archiveConversation } from '../../shared/archive/conversation-archive.js';
import {
  Character, Conversation, Message, Payment, Subscription, User, UserCharacterSetting, WebhookEvent,
} from '../../shared/db/models/index.js';
import { newId } from '../../shared/ids.js';
import { createBlobStore } from '../../shared/storage/index.js';
import { http } from '../helpers/http.js';
import { startStack, type TestStack } from '../helpers/stack.js';
import { signUp, TEST_PASSWORD, type TestUser } from '../helpers/users.js';

const marker = () => `marker-${randomBytes(6).toString('hex')}`;

/** Everything a user leaves behind: profile, interests, a nickname and avatar, live and archived chats, billing. */
async function furnish(stack: TestStack, user: TestUser) {
  const secrets = { live: marker(), archived: marker(), nickname: marker(), phone: `+9198${randomBytes(4).readUInt32BE(0) % 100_000_000}` };
  await http(stack.url, 'PATCH', '/v1/me', { token: user.token, body: { interests: ['cricket', 'books'], preferred_language: 'hi' } });
  const character = await Character.create({
    id: newId(), slug: `dost-${randomBytes(3).toString('hex')}`, tier: 'free', interests: ['cricket'], languages: ['en', 'hi'],
    avatar_url: null, persona: { system_prompt: 'You are a friend.', personality: 'warm' },
  });
  const avatarKey = `avatars/${user.id}-${character.id}.png`;
  await createBlobStore(stack.config).put(avatarKey, Buffer.from('png bytes'), 'image/png');
  await UserCharacterSetting.create({ user_id: user.id, character_id: character.id, nickname: secrets.nickname, avatar_key: avatarKey });

  const live = await Conversation.create({ id: newId(), user_id: user.id, character_id: character.id, language: 'hi', title: 'Cricket talk' });
  await Message.create({ id: newId(), conversation_id: live.id, role: 'user', content: `Hello ${secrets.live}`, language: 'hi', status: 'complete' });
  await Message.create({ id: newId(), conversation_id: live.id, role: 'assistant', content: 'Namaste!', language: 'hi', status: 'complete' });

  const old = new Date(Date.now() - 200 * 86_400_000);
  const archived = await Conversation.create({
    id: newId(), user_id: user.id, character_id: character.id, language: 'en', title: 'Old chat', last_message_at: old,
  });
  await Message.create({ id: newId(), conversation_id: archived.id, role: 'user', content: `Long ago ${secrets.archived}`, language: 'en', status: 'complete', created_at: old });
  assert.equal(await archiveConversation(stack.infra, archived.id, new Date()), 1);

  await Subscription.create({ id: `sub_${randomBytes(4).toString('hex')}`, user_id: user.id, plan_id: 'pro_monthly', razorpay_plan_id: 'plan_test', status: 'active' });
  const subscription = (await Subscription.findOne({ where: { user_id: user.id } }))!;
  const payment = await Payment.create({
    id: `pay_${randomBytes(4).toString('hex')}`, subscription_id: subscription.id, user_id: user.id, amount_paise: 19_900, currency: 'INR', method: 'upi', status: 'captured',
  });
  await WebhookEvent.create({
    id: `evt_${randomBytes(4).toString('hex')}`, event: 'payment.captured', event_created_at: 1_767_225_600,
    payload: { event: 'payment.captured', payload: { payment: { entity: { id: payment.id, email: user.email, contact: secrets.phone, amount: 19_900 } } } },
  });
  return { secrets, avatarKey, subscription, payment, live, archived };
}

/** Every row of every table of the test database, as text. */
async function everyRow(stack: TestStack): Promise<string> {
  const tables = await stack.infra.sequelize.query<{ name: string }>(
    'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()', { type: QueryTypes.SELECT },
  );
  const dumps: string[] = [];
  for (const { name } of tables) {
    const rows = await stack.infra.sequelize.query(`SELECT * FROM \`${name}\``, { type: QueryTypes.SELECT });
    dumps.push(`${name}: ${JSON.stringify(rows)}`);
  }
  return dumps.join('\n');
}

/** The conversations, messages and avatars go in the archival pool's `erasure` job, seconds later. */
async function contentErased(userId: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const left = (await Conversation.count({ where: { user_id: userId } })) + (await UserCharacterSetting.count({ where: { user_id: userId } }));
    if (left === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail('the erasure job did not erase the content within 10 s');
}

describe('DPDP rights: export and erasure', () => {
  let stack: TestStack;
  let storage: string;
  before(async () => {
    storage = await mkdtemp(join(tmpdir(), 'saathi-dpdp-'));
    stack = await startStack({ pools: ['archival'], env: { STORAGE_DIR: storage } });
  });
  after(async () => {
    await stack.close();
    await rm(storage, { recursive: true, force: true });
  });

  it('exports every stored datum of the user, and nobody else\'s', async () => {
    const user = await signUp(stack, { displayName: 'Kavya' });
    const stored = await furnish(stack, user);
    const bystander = await signUp(stack, { displayName: 'Bystander' });
    await furnish(stack, bystander);

    const response = await http(stack.url, 'GET', '/v1/me/export', { token: user.token });
    assert.equal(response.status, 200);
    const data = response.body;
    assert.equal(data.profile.id, user.id);
    assert.equal(data.profile.email, user.email);
    assert.equal(data.profile.display_name, 'Kavya');
    assert.equal(data.profile.preferred_language, 'hi');
    assert.equal(data.profile.password_hash, undefined);
    assert.equal(data.profile.has_password, true);
    assert.deepEqual([...data.interests].sort(), ['books', 'cricket']);
    assert.equal(data.sessions.length, 1);
    assert.equal(data.character_settings[0].nickname, stored.secrets.nickname);
    assert.equal(data.conversations.length, 2);
    const text = JSON.stringify(data.conversations);
    assert.ok(text.includes(stored.secrets.live));
    assert.ok(text.includes(stored.secrets.archived), 'archived messages are exported too');
    assert.equal(data.subscriptions[0].id, stored.subscription.id);
    assert.equal(data.payments[0].id, stored.payment.id);
    assert.ok(!JSON.stringify(data).includes('Bystander'));

    assert.equal((await http(stack.url, 'GET', '/v1/me/export')).status, 401);
  });

  it('erases the account everywhere; its tokens die at once; payments stay anonymised', async () => {
    const user = await signUp(stack, { displayName: 'Zoya Erasable' });
    const stored = await furnish(stack, user);
    const phone = await http(stack.url, 'POST', '/v1/auth/login', { body: { email: user.email, password: TEST_PASSWORD } });
    const bystander = await signUp(stack, { displayName: 'Stays Here' });

    const response = await http(stack.url, 'DELETE', '/v1/me', { token: user.token });
    assert.equal(response.status, 202);
    for (const token of [user.token, phone.body.access_token]) {
      assert.equal((await http(stack.url, 'GET', '/v1/me', { token })).status, 401);
    }
    assert.equal((await http(stack.url, 'POST', '/v1/auth/refresh', { body: { refresh_token: phone.body.refresh_token } })).status, 401);
    await contentErased(user.id);

    const dump = await everyRow(stack);
    for (const datum of [user.email, 'Zoya Erasable', stored.secrets.live, stored.secrets.nickname, stored.secrets.phone]) {
      assert.ok(!dump.includes(datum), `"${datum}" is still stored: ${dump.split("\n").filter((line) => line.includes(datum)).map((line) => line.slice(0, 1500)).join("\n")}`);
    }
    assert.equal(await Conversation.count({ where: { user_id: user.id } }), 0);
    const tombstone = await User.findByPk(user.id);
    assert.ok(tombstone!.deleted_at);
    assert.equal(tombstone!.email, null);
    const payment = await Payment.findByPk(stored.payment.id);
    assert.equal(payment!.user_id, null);
    assert.equal(payment!.amount_paise, 19_900);
    assert.equal((await Subscription.findByPk(stored.subscription.id))!.user_id, null);
    assert.equal(await createBlobStore(stack.config).get(stored.avatarKey), null);

    assert.equal((await http(stack.url, 'GET', '/v1/me', { token: bystander.token })).body.display_name, 'Stays Here');
    const again = await http(stack.url, 'POST', '/v1/auth/signup', { body: { email: user.email, password: TEST_PASSWORD, age_confirmed: true } });
    assert.equal(again.status, 201, 'the email is free again');
    assert.notEqual(again.body.user.id, user.id);
    assert.equal((await http(stack.url, 'DELETE', '/v1/me')).status, 401);
  });
});
