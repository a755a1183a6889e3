import { loadConfigOrExit } from '../shared/config.js';
import { createSequelize, ensureDatabase } from '../shared/db/sequelize.js';
import { createLogger } from '../shared/logger.js';
import { createMigrator, migrate } from './migrator.js';

/** `npm run migrate` applies pending migrations; `npm run migrate -- down` reverts the last one. */
const config = loadConfigOrExit();
const log = createLogger(config, { role: 'migrate' });
await ensureDatabase(config.DATABASE_URL);
const sequelize = createSequelize(config, log);
try {
  if (process.argv[2] === 'down') {
    const reverted = await createMigrator(sequelize, log).down();
    log.info({ reverted: reverted.map((migration) => migration.name) }, 'migrations reverted');
  } else {
    const applied = await migrate(sequelize, config.DATABASE_URL, log);
    log.info({ applied }, applied.length ? 'migrations applied' : 'schema is up to date');
  }
} finally {
  await sequelize.close();
}
