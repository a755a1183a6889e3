import type { KeyBuilder } from '../redis.js';

/**
 * Usage not yet in MySQL lives in Redis as one hash of increments per user and IST day
 * (`messages`, `prompt_tokens`, `completion_tokens`), listed in a set of dirty `user|date` members
 * that the flush drains.
 */
export const USAGE_FIELDS = ['messages', 'prompt_tokens', 'completion_tokens'] as const;
export type UsageCounts = Record<(typeof USAGE_FIELDS)[number], number>;

/** Pending increments outlive a stalled flush by days, not forever. */
export const PENDING_TTL_SECONDS = 7 * 24 * 60 * 60;

export const pendingUsageKey = (key: KeyBuilder, userId: string, date: string): string => key('usage', 'pending', userId, date);
export const dirtyUsageKey = (key: KeyBuilder): string => key('usage', 'dirty');
export const dirtyMember = (userId: string, date: string): string => `${userId}|${date}`;

export function parseDirtyMember(member: string): { userId: string; date: string } | null {
  const [userId, date] = member.split('|');
  return userId && date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? { userId, date } : null;
}

export const zeroUsage = (): UsageCounts => ({ messages: 0, prompt_tokens: 0, completion_tokens: 0 });

/** HGETALL's flat or object answer → counts (missing fields are 0). */
export function usageFromHash(hash: Record<string, string> | string[] | null | undefined): UsageCounts {
  const counts = zeroUsage();
  if (!hash) return counts;
  const entries = Array.isArray(hash)
    ? Array.from({ length: hash.length / 2 }, (_, index) => [hash[index * 2], hash[index * 2 + 1]] as const)
    : Object.entries(hash);
  for (const [field, value] of entries) {
    if (field && (USAGE_FIELDS as readonly string[]).includes(field)) counts[field as keyof UsageCounts] = Number(value) || 0;
  }
  return counts;
}

export const isEmptyUsage = (counts: UsageCounts): boolean => USAGE_FIELDS.every((field) => counts[field] === 0);
