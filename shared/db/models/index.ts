import type { Sequelize } from 'sequelize';
import { initBillingModels } from './billing.js';
import { initCharacterModels } from './characters.js';
import { initChatModels } from './chat.js';
import { initDailyStatModel, initUsageModels } from './usage.js';
import { initUserModels } from './users.js';

export * from './billing.js';
export * from './characters.js';
export * from './chat.js';
export * from './usage.js';
export * from './users.js';

/** Binds every model to the process's Sequelize; a process talks to one database. */
export function initModels(sequelize: Sequelize): void {
  initUserModels(sequelize);
  initCharacterModels(sequelize);
  initChatModels(sequelize);
  initUsageModels(sequelize);
  initDailyStatModel(sequelize);
  initBillingModels(sequelize);
}
