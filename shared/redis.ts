import { Redis as IoRedis, type Command } from 'ioredis';
import type { Socket } from 'node:net';
import type { Config } from './config.js';
import { writeTogetherThisTick } from './write-together.js';

/**
 * ioredis writes each command to the socket as it is sent. The commands of one tick (the quota
 * checks of the turns one NATS read delivered, say) leave here in one write instead. ioredis's own
 * auto-pipelining would do this, but breaks commands defined with `defineCommand`
 * (redis/ioredis#1931), as our scripts and rate-limiter-flexible's are.
 */
export class Redis extends IoRedis {
  override sendCommand(command: Command, stream?: Parameters<IoRedis['sendCommand']>[1]): unknown {
    const socket = this.stream as Socket | undefined;
    if (socket) writeTogetherThisTick(socket);
    return super.sendCommand(command, stream);
  }
}

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
