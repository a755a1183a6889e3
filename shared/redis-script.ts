import type { Redis } from './redis.js';

type ScriptArg = string | number;
type Invoke = (...args: ScriptArg[]) => Promise<unknown>;

/**
 * A Lua script run atomically by Redis. ioredis sends it by SHA (EVALSHA) and falls back to EVAL
 * once per connection, so a hot path pays for the script text only the first time.
 */
export function redisScript<Result>(name: string, numberOfKeys: number, lua: string) {
  const command = `saathi_${name}`;
  return (redis: Redis, keys: string[], args: ScriptArg[] = []): Promise<Result> => {
    const commands = redis as unknown as Record<string, Invoke | undefined>;
    if (typeof commands[command] !== 'function') redis.defineCommand(command, { numberOfKeys, lua });
    return (commands[command] as Invoke)(...keys, ...args) as Promise<Result>;
  };
}
