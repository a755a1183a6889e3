import { QueryTypes } from 'sequelize';
import type { Infra } from '../infra.js';
import { redisScript } from '../redis-script.js';
import {
  dirtyMember,
  dirtyUsageKey,
  isEmptyUsage,
  parseDirtyMember,
  pendingUsageKey,
  PENDING_TTL_SECONDS,
  usageFromHash,
  USAGE_FIELDS,
  type UsageCounts,
} from './keys.js';

export interface UsageRow extends UsageCounts {
  user_id: string;
  date: string;
}

/** Takes one user-day's pending increments and unlists it, in one step, so no commit is lost between. */
const takePending = redisScript<string[]>(
  'usage_take',
  2,
  `local values = redis.call('HGETALL', KEYS[1])
redis.call('DEL', KEYS[1])
redis.call('SREM', KEYS[2], ARGV[1])
return values`,
);

/** Rows flushed per batch, so one huge backlog is written in bounded statements. */
const BATCH = 200;

/**
 * Adds usage to `usage_daily` (insert or increment): the flush's write, and the direct write the quota
 * pool falls back to when Redis is down.
 */
export async function addUsage(infra: Pick<Infra, 'sequelize' | 'clock'>, rows: UsageRow[]): Promise<void> {
  if (rows.length === 0) return;
  const now = infra.clock.now();
  const values = rows.map(() => '(?, ?, ?, ?, ?, ?)').join(', ');
  const replacements = rows.flatMap((row) => [row.user_id, row.date, row.messages, row.prompt_tokens, row.completion_tokens, now]);
  const increments = USAGE_FIELDS.map((field) => `${field} = ${field} + VALUES(${field})`).join(', ');
  await infra.sequelize.query(
    `INSERT INTO usage_daily (user_id, date, messages, prompt_tokens, completion_tokens, updated_at) VALUES ${values}
     ON DUPLICATE KEY UPDATE ${increments}, updated_at = VALUES(updated_at)`,
    { replacements, type: QueryTypes.INSERT },
  );
}

/** Puts taken increments back when MySQL refused them; the next flush tries again. */
async function restorePending(infra: Infra, rows: UsageRow[]): Promise<void> {
  const multi = infra.redis.multi();
  for (const row of rows) {
    const key = pendingUsageKey(infra.key, row.user_id, row.date);
    for (const field of USAGE_FIELDS) multi.hincrby(key, field, row[field]);
    multi.expire(key, PENDING_TTL_SECONDS);
    multi.sadd(dirtyUsageKey(infra.key), dirtyMember(row.user_id, row.date));
  }
  await multi.exec();
}

/**
 * Moves every pending usage increment from Redis into `usage_daily`. Safe to run from several
 * processes at once (each user-day is taken atomically by one of them); the quota pool runs it every
 * few seconds and the archival jobs run it before their roll-ups. Returns the user-days written.
 */
export async function flushUsage(infra: Infra): Promise<number> {
  const dirtyKey = dirtyUsageKey(infra.key);
  const members = await infra.redis.smembers(dirtyKey);
  let written = 0;
  for (let start = 0; start < members.length; start += BATCH) {
    const rows: UsageRow[] = [];
    for (const member of members.slice(start, start + BATCH)) {
      const parsed = parseDirtyMember(member);
      if (!parsed) {
        await infra.redis.srem(dirtyKey, member);
        continue;
      }
      const pendingKey = pendingUsageKey(infra.key, parsed.userId, parsed.date);
      const taken = usageFromHash(await takePending(infra.redis, [pendingKey, dirtyKey], [member]));
      if (!isEmptyUsage(taken)) rows.push({ user_id: parsed.userId, date: parsed.date, ...taken });
    }
    try {
      await addUsage(infra, rows);
    } catch (error) {
      await restorePending(infra, rows).catch((restoreError) =>
        infra.log.error({ err: restoreError, rows: rows.length }, 'usage increments lost: neither MySQL nor Redis took them back'),
      );
      throw error;
    }
    written += rows.length;
  }
  return written;
}
