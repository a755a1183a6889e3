import { randomBytes } from 'node:crypto';
import { SettableClock } from '../../shared/clock.js';
import { loadConfig, type Config } from '../../shared/config.js';
import { dropDatabase, ensureDatabase } from '../../shared/db/sequelize.js';
import { closeInfra, openInfra, type Infra } from '../../shared/infra.js';
import { createLogger } from '../../shared/logger.js';
import { deleteStreams, ensureStreams } from '../../shared/nats.js';
import { poolNames, type PoolName } from '../../shared/subjects.js';
import { migrate } from '../../migrations/migrator.js';
import { startEdge, type RunningEdge } from '../../edge/server.js';
import { pools } from '../../workers/pools.js';
import { startPool, type RunningPool } from '../../workers/runtime.js';
import { interestsSeeder } from '../../shared/seed/interests.js';

const services = {
  mysql: process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306',
  redis: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0',
  nats: process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222',
};

/** A namespace of one test run: its own database, Redis key prefix and NATS subject prefix. */
export const newNamespace = () => `t${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;

export function testConfig(namespace: string, env: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    PORT: '0',
    DATABASE_URL: `${services.mysql}/saathi_${namespace}`,
    REDIS_URL: services.redis,
    NATS_URL: services.nats,
    NATS_SUBJECT_PREFIX: namespace,
    REDIS_KEY_PREFIX: namespace,
    SHUTDOWN_GRACE_MS: '3000',
    // Every test client is 127.0.0.1: per-IP limits apply only where a test sets them (test/quota/).
    API_PER_MINUTE: '100000',
    AUTH_PER_MINUTE: '100000',
    ...env,
  });
}

export interface StackOptions {
  env?: Record<string, string>;
  /** Pools to run in-process; all by default. */
  pools?: readonly PoolName[];
  edge?: boolean;
}

export interface TestStack {
  namespace: string;
  config: Config;
  infra: Infra;
  clock: SettableClock;
  edge: RunningEdge | null;
  workers: RunningPool[];
  url: string;
  /** Starts another edge on the same infra (another replica, as far as clients can tell). */
  addEdge: () => Promise<RunningEdge>;
  close: () => Promise<void>;
}

async function deleteKeys(infra: Infra): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await infra.redis.scan(cursor, 'MATCH', `${infra.config.REDIS_KEY_PREFIX}:*`, 'COUNT', 500);
    if (keys.length) await infra.redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

/** Boots a migrated database, the chosen pools and an edge on a random port, all in this process. */
export async function startStack(options: StackOptions = {}): Promise<TestStack> {
  const namespace = newNamespace();
  const config = testConfig(namespace, options.env);
  const clock = new SettableClock();
  await ensureDatabase(config.DATABASE_URL);
  const infra = await openInfra(config, createLogger(config, { namespace }), clock);
  await migrate(infra.sequelize, config.DATABASE_URL, infra.log);
  // Reference data every installation has (npm start seeds it): characters may only name known interests.
  await interestsSeeder.run(infra.sequelize);
  await ensureStreams(infra.nc, infra.subjects);
  const workers = await Promise.all((options.pools ?? poolNames).map((name) => startPool(pools[name], infra)));
  const edges: RunningEdge[] = [];
  const addEdge = async () => {
    const edge = await startEdge(infra, 0);
    edges.push(edge);
    return edge;
  };
  const edge = options.edge === false ? null : await addEdge();

  return {
    namespace,
    config,
    infra,
    clock,
    edge,
    workers,
    url: edge ? `http://127.0.0.1:${edge.port}` : '',
    addEdge,
    close: async () => {
      await Promise.all(edges.map((running) => running.stop()));
      await Promise.all(workers.map((worker) => worker.stop()));
      await deleteStreams(infra.nc, infra.subjects).catch(() => undefined);
      await deleteKeys(infra).catch(() => undefined);
      await closeInfra(infra);
      await dropDatabase(config.DATABASE_URL);
    },
  };
}
