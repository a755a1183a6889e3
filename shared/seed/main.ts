import { loadConfigOrExit } from '../config.js';
import { createSequelize } from '../db/sequelize.js';
import { createLogger } from '../logger.js';
import { seed } from './index.js';

/** `npm run seed`: writes the catalogues idempotently. */
const config = loadConfigOrExit();
const log = createLogger(config, { role: 'seed' });
const sequelize = createSequelize(config, log);
try {
  await seed(sequelize, log);
} finally {
  await sequelize.close();
}
