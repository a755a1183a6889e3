import mysql from 'mysql2/promise';
import type { Sequelize } from 'sequelize';
import { Umzug, SequelizeStorage } from 'umzug';
import type { Logger } from '../shared/logger.js';
import * as initialSchema from './20261124000000-initial-schema.js';

/** Every migration in order; one per schema change, named by its timestamp. */
const migrations = [{ name: '20261124000000-initial-schema', ...initialSchema }];

const LOCK_NAME = 'saathi_migrations';
const LOCK_WAIT_SECONDS = 60;

export function createMigrator(sequelize: Sequelize, log: Logger) {
  return new Umzug({
    migrations: migrations.map(({ name, up, down }) => ({ name, up, down })),
    context: sequelize.getQueryInterface(),
    storage: new SequelizeStorage({ sequelize, tableName: 'schema_migrations' }),
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
