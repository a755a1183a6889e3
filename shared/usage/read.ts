import { Op } from 'sequelize';
import { addDays, istDate } from '../clock.js';
import { UsageDaily } from '../db/models/index.js';
import type { Infra } from '../infra.js';
import { noteRedisFallback } from '../redis-fallback.js';
import { pendingUsageKey, usageFromHash, USAGE_FIELDS, zeroUsage, type UsageCounts } from './keys.js';

export interface DailyUsage extends UsageCounts {
  /** IST calendar date, YYYY-MM-DD. */
  date: string;
}

/** Increments committed but not flushed yet, so today's row is live before the next flush. */
async function pendingByDate(infra: Infra, userId: string, dates: string[]): Promise<Map<string, UsageCounts>> {
  const pending = new Map<string, UsageCounts>();
  try {
    const pipeline = infra.redis.pipeline();
    for (const date of dates) pipeline.hgetall(pendingUsageKey(infra.key, userId, date));
    const answers = (await pipeline.exec()) ?? [];
    answers.forEach(([error, hash], index) => {
      const date = dates[index];
      if (!error && date) pending.set(date, usageFromHash(hash as Record<string, string>));
    });
  } catch (error) {
    noteRedisFallback(infra, 'usage', error);
  }
  return pending;
}

/**
 * A user's usage for the last `days` IST days, today included, oldest first, one item per day
 * (days without use are zeros): what MySQL holds plus what is still pending in Redis.
 */
export async function dailyUsage(infra: Infra, userId: string, days: number): Promise<DailyUsage[]> {
  const today = istDate(infra.clock.now());
  const dates = Array.from({ length: days }, (_, index) => addDays(today, index - days + 1));
  const [rows, pending] = await Promise.all([
    UsageDaily.findAll({ where: { user_id: userId, date: { [Op.between]: [dates[0] ?? today, today] } }, raw: true }),
    pendingByDate(infra, userId, dates),
  ]);
  const stored = new Map(rows.map((row) => [String(row.date), row]));
  return dates.map((date) => {
    const total: DailyUsage = { date, ...zeroUsage() };
    for (const source of [stored.get(date), pending.get(date)]) {
      if (!source) continue;
      for (const field of USAGE_FIELDS) total[field] += Number(source[field]) || 0;
    }
    return total;
  });
}
