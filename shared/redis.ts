import { Redis } from 'ioredis';
import type { Config } from './config.js';

export type { Redis };

/**
 * Commands fail fast while Redis is unreachable instead of queueing, so callers can degrade
 * (readiness reports it, quota falls back to its in-process limiter) rather than hang.
 */
export function createRedis(config: Pick<Config, 'REDIS_URL'>, name = 'saathi'): Redis {
  return new Redis(config.REDIS_URL, {
    connectionName: name,
    lazyConnect: false,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
}

/** Every key of one deployment lives under its prefix, so deployments and test runs can share a Redis. */
export const keyspace = (prefix: string) => (...parts: Array<string | number>): string => [prefix, ...parts].join(':');
export type KeyBuilder = ReturnType<typeof keyspace>;
