import mysql from 'mysql2/promise';
import { DataTypes, type Sequelize } from 'sequelize';
import { Umzug, SequelizeStorage } from 'umzug';
import type { Logger } from '../shared/logger.js';
import * as initialSchema from './20261124000000-initial-schema.js';
import * as dailyStats from './20261124020000-daily-stats.js';

/** Every migration in order; one per schema change, named by its timestamp. */
const migrations = [
  { name: '20261124000000-initial-schema', ...initialSchema },
  { name: '20261124020000-daily-stats', ...dailyStats },
];

const LOCK_NAME = 'saathi_migrations';
const LOCK_WAIT_SECONDS = 60;

/** umzug's own storage model is utf8 (utf8mb3); ours keeps every table utf8mb4. */
const migrationsTable = (sequelize: Sequelize) =>
  sequelize.define(
    'SchemaMigration',
    { name: { type: DataTypes.STRING(190), allowNull: false, unique: true, primaryKey: true } },
    { tableName: 'schema_migrations', timestamps: false, charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci' },
  );

export function createMigrator(sequelize: Sequelize, log: Logger) {
  return new Umzug({
    migrations: migrations.map(({ name, up, down }) => ({ name, up, down })),
    context: sequelize.getQueryInterface(),
    storage: new SequelizeStorage({ model: migrationsTable(sequelize) }),
    logger: {
      info: (event) => log.info(event, 'migration'),
      warn: (event) => log.warn(event, 'migration'),
      error: (event) => log.error(event, 'migration'),
      debug: (event) => log.debug(event, 'migration'),
    },
  });
}

/**
 * Applies pending migrations under a MySQL named lock: umzug has none, and two processes
 * migrating at once would otherwise both run the same DDL.
 */
export async function migrate(sequelize: Sequelize, databaseUrl: string, log: Logger): Promise<string[]> {
  const lock = await mysql.createConnection(databaseUrl);
  try {
    const [rows] = await lock.query('SELECT GET_LOCK(?, ?) AS acquired', [LOCK_NAME, LOCK_WAIT_SECONDS]);
    if ((rows as Array<{ acquired: number | null }>)[0]?.acquired !== 1) {
      throw new Error(`could not take the migration lock within ${LOCK_WAIT_SECONDS}s`);
    }
    const applied = await createMigrator(sequelize, log).up();
    return applied.map((migration) => migration.name);
  } finally {
    await lock.query('SELECT RELEASE_LOCK(?)', [LOCK_NAME]).catch(() => undefined);
    await lock.end();
  }
}
