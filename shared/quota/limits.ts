import { nextIstMidnight } from '../clock.js';
import type { Config } from '../config.js';
import type { Plan, QuotaSnapshot } from '../subjects.js';

const DAY_SECONDS = 24 * 60 * 60;

/** API.md "Quotas and limits": messages a day per plan. */
export const dailyLimit = (config: Config, plan: Plan): number =>
  plan === 'pro' ? config.PRO_DAILY_MESSAGES : config.FREE_DAILY_MESSAGES;

/** API.md "Quotas and limits": chat messages a minute per user, per plan. */
export const chatPerMinute = (config: Config, plan: Plan): number =>
  plan === 'pro' ? config.PRO_CHAT_PER_MINUTE : config.FREE_CHAT_PER_MINUTE;

/** Whole seconds from `now` until `until`, never less than 1 (a Retry-After of 0 invites a hot loop). */
export const secondsUntil = (until: Date, now: Date): number => Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));

/**
 * How long an IST-dated counter must live: until its day ends, plus a day so a refund or commit of a
 * reservation made just before midnight still finds it.
 */
export const dayKeyTtlSeconds = (now: Date): number => secondsUntil(nextIstMidnight(now), now) + DAY_SECONDS;

export function quotaSnapshot(plan: Plan, limit: number, used: number, now: Date): QuotaSnapshot {
  return {
    plan,
    limit,
    used,
    remaining: Math.max(0, limit - used),
    resets_at: nextIstMidnight(now).toISOString(),
  };
}
