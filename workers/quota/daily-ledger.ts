import { istDate } from '../../shared/clock.js';
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

/** Gives the message back once: only a `reserved` reservation moves, to `refunded`. KEYS: reservation, counter. */
const refundScript = redisScript<number>(
  'quota_refund',
  2,
  `if redis.call('HGET', KEYS[1], 'state') ~= 'reserved' then return 0 end
redis.call('HSET', KEYS[1], 'state', 'refunded')
if tonumber(redis.call('GET', KEYS[2]) or '0') > 0 then redis.call('DECR', KEYS[2]) end
return 1`,
);

/**
 * Settles a reservation as used and adds the message and its tokens to the pending usage, once.
 * KEYS: reservation, pending usage, dirty set. ARGV: prompt, completion, pending ttl, dirty member.
 */
const commitScript = redisScript<number>(
  'quota_commit',
  3,
  `if redis.call('HGET', KEYS[1], 'state') ~= 'reserved' then return 0 end
redis.call('HSET', KEYS[1], 'state', 'committed')
redis.call('HINCRBY', KEYS[2], 'messages', 1)
redis.call('HINCRBY', KEYS[2], 'prompt_tokens', ARGV[1])
redis.call('HINCRBY', KEYS[2], 'completion_tokens', ARGV[2])
redis.call('EXPIRE', KEYS[2], ARGV[3])
redis.call('SADD', KEYS[3], ARGV[4])
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
  async refund(userId: string, reservationId: string): Promise<boolean> {
    const local = this.fallback.settle(userId, reservationId, 'refunded');
    if (local !== null) return local !== false;
    const reservationKey = this.reservationKey(userId, reservationId);
    try {
      const date = await this.infra.redis.hget(reservationKey, 'date');
      if (!date) return false;
      return (await refundScript(this.infra.redis, [reservationKey, this.usedKey(userId, date)])) === 1;
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
      const date = await this.infra.redis.hget(reservationKey, 'date');
      if (!date) return false;
      const keys = [reservationKey, pendingUsageKey(this.infra.key, userId, date), dirtyUsageKey(this.infra.key)];
      const args = [tokens.prompt_tokens, tokens.completion_tokens, PENDING_TTL_SECONDS, dirtyMember(userId, date)];
      return (await commitScript(this.infra.redis, keys, args)) === 1;
    } catch (error) {
      noteRedisFallback(this.infra, 'usage', error);
      await addUsage(this.infra, [{ user_id: userId, date: istDate(now), messages: 1, ...tokens }]);
      return true;
    }
  }
}
