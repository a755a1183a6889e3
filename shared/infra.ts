import { hostname } from 'node:os';
import { systemClock, type Clock } from './clock.js';
import type { Config } from './config.js';
import { createSequelize, type Sequelize } from './db/sequelize.js';
import type { Logger } from './logger.js';
import { connectNats, jetstreamClient, type JetStreamClient, type NatsConnection } from './nats.js';
import { createRedis, keyspace, type KeyBuilder, type Redis } from './redis.js';
import { buildSubjects, type Subjects } from './subjects.js';

/** The connections and context one process shares between its edge and its workers. */
export interface Infra {
  config: Config;
  log: Logger;
  clock: Clock;
  sequelize: Sequelize;
  redis: Redis;
  nc: NatsConnection;
  js: JetStreamClient;
  subjects: Subjects;
  key: KeyBuilder;
  /** Names this process in pings and logs. */
  instance: string;
}

export async function openInfra(config: Config, log: Logger, clock: Clock = systemClock): Promise<Infra> {
  const instance = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  const sequelize = createSequelize(config, log);
  const redis = createRedis(config);
  redis.on('error', (error) => log.debug({ err: error.message }, 'redis error'));
  const nc = await connectNats(config, log, `saathi-${instance}`);
  return {
    config,
    log,
    clock,
    sequelize,
    redis,
    nc,
    js: jetstreamClient(nc),
    subjects: buildSubjects(config.NATS_SUBJECT_PREFIX),
    key: keyspace(config.REDIS_KEY_PREFIX),
    instance,
  };
}

export async function closeInfra(infra: Infra): Promise<void> {
  await infra.nc.drain().catch(() => infra.nc.close());
  infra.redis.disconnect();
  await infra.sequelize.close();
}
