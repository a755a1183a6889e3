import { DataTypes, type QueryInterface } from 'sequelize';

const id = () => ({ type: DataTypes.CHAR(36), allowNull: false });
const createdAt = () => ({ type: DataTypes.DATE(3), allowNull: false, defaultValue: DataTypes.NOW });
const timestamps = () => ({ created_at: createdAt(), updated_at: createdAt() });
const tableOptions = { charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci', engine: 'InnoDB' };

const tables = [
  'webhook_events', 'payments', 'subscriptions', 'usage_daily', 'message_archives', 'messages', 'conversations',
  'user_character_settings', 'character_translations', 'characters', 'user_interests', 'interests',
  'refresh_tokens', 'sessions', 'users',
];

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('users', {
    id: { ...id(), primaryKey: true },
    email: { type: DataTypes.STRING(320), allowNull: true, unique: true },
    password_hash: { type: DataTypes.STRING(255), allowNull: true },
    display_name: { type: DataTypes.STRING(80), allowNull: true },
    preferred_language: { type: DataTypes.STRING(5), allowNull: false, defaultValue: 'en' },
    is_admin: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    plan: { type: DataTypes.ENUM('free', 'pro'), allowNull: false, defaultValue: 'free' },
    plan_expires_at: { type: DataTypes.DATE(3), allowNull: true },
    last_matched_character_id: { type: DataTypes.CHAR(36), allowNull: true },
    deleted_at: { type: DataTypes.DATE(3), allowNull: true },
    ...timestamps(),
  }, tableOptions);

  await qi.createTable('sessions', {
    id: { ...id(), primaryKey: true },
    user_id: { ...id(), references: { model: 'users', key: 'id' }, onDelete: 'CASCADE' },
    user_agent: { type: DataTypes.STRING(255), allowNull: true },
    ip: { type: DataTypes.STRING(64), allowNull: true },
    expires_at: { type: DataTypes.DATE(3), allowNull: false },
    revoked_at: { type: DataTypes.DATE(3), allowNull: true },
    last_seen_at: createdAt(),
    ...timestamps(),
  }, tableOptions);
  await qi.addIndex('sessions', ['user_id', 'revoked_at']);

  await qi.createTable('refresh_tokens', {
    token_hash: { type: DataTypes.CHAR(64), allowNull: false, primaryKey: true },
    session_id: { ...id(), references: { model: 'sessions', key: 'id' }, onDelete: 'CASCADE' },
    used_at: { type: DataTypes.DATE(3), allowNull: true },
    created_at: createdAt(),
  }, tableOptions);
  await qi.addIndex('refresh_tokens', ['session_id']);

  await qi.createTable('interests', {
    slug: { type: DataTypes.STRING(40), allowNull: false, primaryKey: true },
    names: { type: DataTypes.JSON, allowNull: false },
    position: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
  }, tableOptions);

  await qi.createTable('user_interests', {
    user_id: { ...id(), primaryKey: true, references: { model: 'users', key: 'id' }, onDelete: 'CASCADE' },
    interest_slug: { type: DataTypes.STRING(40), allowNull: false, primaryKey: true, references: { model: 'interests', key: 'slug' } },
  }, tableOptions);

  await qi.createTable('characters', {
    id: { ...id(), primaryKey: true },
    slug: { type: DataTypes.STRING(60), allowNull: false, unique: true },
    tier: { type: DataTypes.ENUM('free', 'premium'), allowNull: false, defaultValue: 'free' },
    interests: { type: DataTypes.JSON, allowNull: false },
    languages: { type: DataTypes.JSON, allowNull: false },
    avatar_url: { type: DataTypes.STRING(500), allowNull: true },
    persona: { type: DataTypes.JSON, allowNull: false },
    position: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    deleted_at: { type: DataTypes.DATE(3), allowNull: true },
    ...timestamps(),
  }, tableOptions);

  await qi.createTable('character_translations', {
    character_id: { ...id(), primaryKey: true, references: { model: 'characters', key: 'id' }, onDelete: 'CASCADE' },
    language: { type: DataTypes.STRING(5), allowNull: false, primaryKey: true },
    name: { type: DataTypes.STRING(120), allowNull: false },
    tagline: { type: DataTypes.STRING(300), allowNull: false },
    description: { type: DataTypes.TEXT, allowNull: false },
    greeting: { type: DataTypes.TEXT, allowNull: false },
  }, tableOptions);

  await qi.createTable('user_character_settings', {
    user_id: { ...id(), primaryKey: true, references: { model: 'users', key: 'id' }, onDelete: 'CASCADE' },
    character_id: { ...id(), primaryKey: true, references: { model: 'characters', key: 'id' }, onDelete: 'CASCADE' },
    nickname: { type: DataTypes.STRING(40), allowNull: true },
    avatar_key: { type: DataTypes.STRING(255), allowNull: true },
    ...timestamps(),
  }, tableOptions);

  await qi.createTable('conversations', {
    id: { ...id(), primaryKey: true },
    user_id: { ...id(), references: { model: 'users', key: 'id' }, onDelete: 'CASCADE' },
    character_id: { ...id(), references: { model: 'characters', key: 'id' } },
    language: { type: DataTypes.STRING(5), allowNull: false },
    status: { type: DataTypes.ENUM('active', 'ended'), allowNull: false, defaultValue: 'active' },
    title: { type: DataTypes.STRING(200), allowNull: true },
    summary: { type: DataTypes.TEXT, allowNull: true },
    summary_through_message_id: { type: DataTypes.CHAR(36), allowNull: true },
    message_count: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    last_message_at: { type: DataTypes.DATE(3), allowNull: true },
    last_message_preview: { type: DataTypes.STRING(200), allowNull: true },
    archived_at: { type: DataTypes.DATE(3), allowNull: true },
    ...timestamps(),
  }, tableOptions);
  await qi.addIndex('conversations', ['user_id', 'last_message_at']);
  await qi.addIndex('conversations', ['user_id', 'status']);
  await qi.addIndex('conversations', ['user_id', 'character_id']);

  await qi.createTable('messages', {
    id: { ...id(), primaryKey: true },
    conversation_id: { ...id(), references: { model: 'conversations', key: 'id' }, onDelete: 'CASCADE' },
    role: { type: DataTypes.ENUM('user', 'assistant'), allowNull: false },
    content: { type: DataTypes.TEXT('medium'), allowNull: false },
    language: { type: DataTypes.STRING(12), allowNull: false },
    status: { type: DataTypes.ENUM('complete', 'partial', 'failed', 'generating'), allowNull: false },
    client_message_id: { type: DataTypes.STRING(100), allowNull: true },
    generation_id: { type: DataTypes.CHAR(36), allowNull: true },
    prompt_tokens: { type: DataTypes.INTEGER, allowNull: true },
    completion_tokens: { type: DataTypes.INTEGER, allowNull: true },
    created_at: createdAt(),
  }, tableOptions);
  await qi.addIndex('messages', ['conversation_id', 'created_at', 'id']);
  await qi.addIndex('messages', ['conversation_id', 'client_message_id'], { unique: true });
  await qi.addIndex('messages', ['generation_id']);

  await qi.createTable('message_archives', {
    conversation_id: { ...id(), primaryKey: true, references: { model: 'conversations', key: 'id' }, onDelete: 'CASCADE' },
    payload: { type: DataTypes.BLOB('long'), allowNull: false },
    message_count: { type: DataTypes.INTEGER, allowNull: false },
    archived_at: createdAt(),
  }, tableOptions);

  await qi.createTable('usage_daily', {
    user_id: { ...id(), primaryKey: true },
    date: { type: DataTypes.DATEONLY, allowNull: false, primaryKey: true },
    messages: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    prompt_tokens: { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0 },
    completion_tokens: { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0 },
    updated_at: createdAt(),
  }, tableOptions);
  await qi.addIndex('usage_daily', ['date']);

  await qi.createTable('subscriptions', {
    id: { type: DataTypes.STRING(64), allowNull: false, primaryKey: true },
    user_id: { type: DataTypes.CHAR(36), allowNull: true },
    plan_id: { type: DataTypes.STRING(40), allowNull: false },
    razorpay_plan_id: { type: DataTypes.STRING(64), allowNull: false },
    status: { type: DataTypes.STRING(20), allowNull: false },
    current_start: { type: DataTypes.DATE(3), allowNull: true },
    current_end: { type: DataTypes.DATE(3), allowNull: true },
    cancel_at_period_end: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    short_url: { type: DataTypes.STRING(500), allowNull: true },
    last_event_at: { type: DataTypes.BIGINT, allowNull: true },
    ...timestamps(),
  }, tableOptions);
  await qi.addIndex('subscriptions', ['user_id', 'status']);
  await qi.addIndex('subscriptions', ['status', 'current_end']);

  await qi.createTable('payments', {
    id: { type: DataTypes.STRING(64), allowNull: false, primaryKey: true },
    subscription_id: { type: DataTypes.STRING(64), allowNull: true },
    user_id: { type: DataTypes.CHAR(36), allowNull: true },
    amount_paise: { type: DataTypes.BIGINT, allowNull: false },
    currency: { type: DataTypes.CHAR(3), allowNull: false },
    method: { type: DataTypes.STRING(30), allowNull: true },
    status: { type: DataTypes.STRING(20), allowNull: false },
    paid_at: { type: DataTypes.DATE(3), allowNull: true },
    ...timestamps(),
  }, tableOptions);
  await qi.addIndex('payments', ['user_id']);
  await qi.addIndex('payments', ['subscription_id']);

  await qi.createTable('webhook_events', {
    id: { type: DataTypes.STRING(64), allowNull: false, primaryKey: true },
    event: { type: DataTypes.STRING(60), allowNull: false },
    payload: { type: DataTypes.JSON, allowNull: false },
    event_created_at: { type: DataTypes.BIGINT, allowNull: false },
    received_at: createdAt(),
    processed_at: { type: DataTypes.DATE(3), allowNull: true },
  }, tableOptions);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  for (const table of tables) await qi.dropTable(table);
}
