import mysql from 'mysql2/promise';
import { Sequelize } from 'sequelize';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { initModels } from './models/index.js';

export type { Sequelize };

export const databaseName = (databaseUrl: string): string => decodeURIComponent(new URL(databaseUrl).pathname.slice(1));

const serverUrl = (databaseUrl: string): string => {
  const url = new URL(databaseUrl);
  url.pathname = '/';
  return url.toString();
};

/** Creates the database with utf8mb4 if it is missing, so `npm start` works on a fresh server. */
export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const connection = await mysql.createConnection(serverUrl(databaseUrl));
  try {
    const name = databaseName(databaseUrl).replaceAll('`', '');
    await connection.query(`CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await connection.end();
  }
}

export async function dropDatabase(databaseUrl: string): Promise<void> {
  const connection = await mysql.createConnection(serverUrl(databaseUrl));
  try {
    await connection.query(`DROP DATABASE IF EXISTS \`${databaseName(databaseUrl).replaceAll('`', '')}\``);
  } finally {
    await connection.end();
  }
}

/** One Sequelize per process, with every model bound to it; UTC on the wire, utf8mb4 on every connection. */
export function createSequelize(config: Pick<Config, 'DATABASE_URL'>, log: Logger): Sequelize {
  const sequelize = new Sequelize(config.DATABASE_URL, {
    dialect: 'mysql',
    logging: (sql: string, timing?: number) => log.trace({ timing }, sql),
    benchmark: true,
    timezone: '+00:00',
    pool: { max: 10, min: 0, idle: 10_000, acquire: 10_000 },
    dialectOptions: {
      charset: 'utf8mb4',
      connectTimeout: 3000,
      supportBigNumbers: true,
      bigNumberStrings: false,
      // mysql2 allocates each connection's prepared-statement cache whole: its default 16,000 slots
      // hold 0.5 MB a connection. The service prepares far fewer distinct statements than 512.
      maxPreparedStatements: 512,
    },
    define: { underscored: true, charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci', freezeTableName: true },
  });
  initModels(sequelize);
  return sequelize;
}
