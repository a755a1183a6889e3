import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Sequelize } from 'sequelize';
import { createMigrator, migrate } from '../../migrations/migrator.js';
import { createSequelize, dropDatabase, ensureDatabase } from '../../shared/db/sequelize.js';
import { createLogger } from '../../shared/logger.js';
import { newNamespace, testConfig } from '../helpers/stack.js';

const config = testConfig(newNamespace());
const log = createLogger(config);
let first: Sequelize;
let second: Sequelize;

const tables = async (sequelize: Sequelize) =>
  ((await sequelize.getQueryInterface().showAllTables()) as string[]).sort();

before(async () => {
  await ensureDatabase(config.DATABASE_URL);
  first = createSequelize(config, log);
  second = createSequelize(config, log);
});

after(async () => {
  await first.close();
  await second.close();
  await dropDatabase(config.DATABASE_URL);
});

test('two migrators racing on an empty database apply each migration exactly once', async () => {
  const [a, b] = await Promise.all([
    migrate(first, config.DATABASE_URL, log),
    migrate(second, config.DATABASE_URL, log),
  ]);
  const applied = [...a, ...b];
  assert.equal(applied.length, new Set(applied).size, 'no migration ran twice');
  assert.ok(applied.includes('20261124000000-initial-schema'));
  const created = await tables(first);
  for (const table of ['users', 'sessions', 'messages', 'conversations', 'subscriptions', 'webhook_events', 'usage_daily']) {
    assert.ok(created.includes(table), `${table} exists`);
  }
});

test('re-running migrations is a no-op', async () => {
  const before = await tables(first);
  assert.deepEqual(await migrate(first, config.DATABASE_URL, log), []);
  assert.deepEqual(await tables(first), before);
});

test('every table is utf8mb4', async () => {
  const [rows] = await first.query(
    `SELECT TABLE_NAME AS name, TABLE_COLLATION AS collation FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()`,
  );
  for (const row of rows as Array<{ name: string; collation: string }>) {
    assert.match(row.collation, /^utf8mb4_/, `${row.name} is ${row.collation}`);
  }
});

test('down reverts and up re-applies', async () => {
  const migrator = createMigrator(first, log);
  const all = (await migrator.executed()).map((migration) => migration.name);
  await migrator.down({ to: 0 });
  assert.deepEqual(await tables(first), ['schema_migrations']);
  const reapplied = await migrate(first, config.DATABASE_URL, log);
  assert.deepEqual(reapplied, all);
});
