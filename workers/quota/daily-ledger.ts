import { addDays, istDate } from '../../shared/clock.js';
import type { Infra } from '../../shared/infra.js';
import { dayKeyTtlSeconds } from '../../shared/quota/limits.js';
import { noteRedisFallback } from '../../shared/redis-fallback.js';
import { redisScript } from '../../shared/redis-script.js';
import type { TokenUsage } from '../../shared/subjects.js';
import { addUsage } from '../../shared/usage/flush.js';
import { dirtyMember, dirtyUsageKey, pendingUsageKey, PENDING_TTL_SECONDS } from '../../shared/usage/keys.js';
import { FallbackLedger } from './fallback-ledger.js';

/**
 * Check-and-charge in one step: a reservation already held answers allowed without a second charge;
 * a user at the limit is denied and charged nothing (the count only moves on an allowed answer).
 * KEYS: the day's counter, the reservation. ARGV: limit, ttl, date. Answers {allowed 0|1, used}.
 */
const reserveScript = redisScript<[number, number]>(
  'quota_reserve',
  2,
  `local state = redis.call('HGET', KEYS[2], 'state')
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
if state == 'reserved' or state == 'committed' then return {1, used} end
if used >= tonumber(ARGV[1]) then return {0, used} end
used = redis.call('INCR', KEYS[1])
redis.call('EXPIRE', KEYS[1], ARGV[2])
redis.call('HSET', KEYS[2], 'date', ARGV[3], 'state', 'reserved')
redis.call('EXPIRE', KEYS[2], ARGV[2])
return {1, used}`,
);

/**
 * The settling scripts find the reservation's day among two candidates, today and yesterday, so a
 * turn that crossed midnight still settles in one round trip. They answer -1 for any other day;
 * the caller then reads the day and runs the script again with it as both candidates.
 */
const pickDay = `local reservation = redis.call('HMGET', KEYS[1], 'date', 'state')
local date = reservation[1]
if not date then return 0 end
local slot
if date == ARGV[1] then slot = 0 elseif date == ARGV[2] then slot = 1 else return -1 end
if reservation[2] ~= 'reserved' then return 0 end`;
const OTHER_DAY = -1;

/** Gives the message back once: only a `reserved` reservation moves, to `refunded`. KEYS: reservation, two day counters. */
const refundScript = redisScript<number>(
  'quota_refund',
  3,
  `${pickDay}
redis.call('HSET', KEYS[1], 'state', 'refunded')
local counter = KEYS[2 + slot]
if tonumber(redis.call('GET', counter) or '0') > 0 then redis.call('DECR', counter) end
return 1`,
);

/**
 * Settles a reservation as used and adds the message and its tokens to the pending usage, once.
 * KEYS: reservation, dirty set, two pending usages. ARGV: two days, prompt, completion, pending ttl,
 * two dirty members.
 */
const commitScript = redisScript<number>(
  'quota_commit',
  4,
  `${pickDay}
redis.call('HSET', KEYS[1], 'state', 'committed')
local pending = KEYS[3 + slot]
redis.call('HINCRBY', pending, 'messages', 1)
redis.call('HINCRBY', pending, 'prompt_tokens', ARGV[3])
redis.call('HINCRBY', pending, 'completion_tokens', ARGV[4])
redis.call('EXPIRE', pending, ARGV[5])
redis.call('SADD', KEYS[2], ARGV[6 + slot])
return 1`,
);

export interface LedgerAnswer {
  allowed: boolean;
  used: number;
}

/**
 * Daily message counts per user and IST day. The day is part of every counter's key, so midnight
 * resets the quota exactly with no sweeping job; counters expire a day after their day ends. While
 * Redis is unreachable the process's FallbackLedger answers instead (logged and counted).
 */
export class DailyLedger {
  constructor(
    private readonly infra: Infra,
    private readonly fallback = new FallbackLedger(),
  ) {}

  private usedKey(userId: string, date: string): string {
    return this.infra.key('quota', 'used', date, userId);
  }

  private reservationKey(userId: string, reservationId: string): string {
    return this.infra.key('quota', 'reservation', userId, reservationId);
  }

  async used(userId: string, now: Date): Promise<number> {
    const date = istDate(now);
    try {
      const used = Number(await this.infra.redis.get(this.usedKey(userId, date))) || 0;
      this.fallback.remember(userId, date, used);
      return used;
    } catch (error) {
      noteRedisFallback(this.infra, 'daily_quota', error);
      return this.fallback.used(userId, date);
    }
  }

  async reserve(userId: string, reservationId: string, limit: number, now: Date): Promise<LedgerAnswer> {
    const date = istDate(now);
    const keys = [this.usedKey(userId, date), this.reservationKey(userId, reservationId)];
    try {
      const [allowed, used] = await reserveScript(this.infra.redis, keys, [limit, dayKeyTtlSeconds(now), date]);
      this.fallback.remember(userId, date, used);
      return { allowed: allowed === 1, used };
    } catch (error) {
      noteRedisFallback(this.infra, 'daily_quota', error);
      return this.fallback.reserve(userId, reservationId, date, limit);
    }
  }

  /** True when this call gave the message back; false when it was already refunded, committed or unknown. */
  async refund(userId: string, reservationId: string, now: Date): Promise<boolean> {
    const local = this.fallback.settle(userId, reservationId, 'refunded');
    if (local !== null) return local !== false;
    const reservationKey = this.reservationKey(userId, reservationId);
    try {
      return await this.settle(reservationKey, now, (days) =>
        refundScript(this.infra.redis, [reservationKey, ...days.map((date) => this.usedKey(userId, date))], days),
      );
    } catch (error) {
      noteRedisFallback(this.infra, 'daily_quota', error);
      this.infra.log.warn({ user_id: userId, reservation_id: reservationId }, 'refund not applied: redis unreachable');
      return false;
    }
  }

  /**
   * True when this call counted the message and its tokens in usage; false when the reservation was
   * already committed, refunded or never made. Without Redis the usage goes straight to MySQL.
   */
  async commit(userId: string, reservationId: string, tokens: TokenUsage, now: Date): Promise<boolean> {
    const local = this.fallback.settle(userId, reservationId, 'committed');
    if (local === false) return false;
    if (local) {
      await addUsage(this.infra, [{ user_id: userId, date: local.date, messages: 1, ...tokens }]);
      return true;
    }
    const reservationKey = this.reservationKey(userId, reservationId);
    try {
      return await this.settle(reservationKey, now, (days) => {
        const pending = days.map((date) => pendingUsageKey(this.infra.key, userId, date));
        const members = days.map((date) => dirtyMember(userId, date));
        const args = [...days, tokens.prompt_tokens, tokens.completion_tokens, PENDING_TTL_SECONDS, ...members];
        return commitScript(this.infra.redis, [reservationKey, dirtyUsageKey(this.infra.key), ...pending], args);
      });
    } catch (error) {
      noteRedisFallback(this.infra, 'usage', error);
      await addUsage(this.infra, [{ user_id: userId, date: istDate(now), messages: 1, ...tokens }]);
      return true;
    }
  }

  /**
   * Runs a settling script for today and yesterday, the days nearly every reservation belongs to,
   * and only for an older one reads its day first.
   */
  private async settle(reservationKey: string, now: Date, run: (days: string[]) => Promise<number>): Promise<boolean> {
    const today = istDate(now);
    const answer = await run([today, addDays(today, -1)]);
    if (answer !== OTHER_DAY) return answer === 1;
    const date = await this.infra.redis.hget(reservationKey, 'date');
    return date !== null && (await run([date, date])) === 1;
  }
}
