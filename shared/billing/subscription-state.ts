import type { SubscriptionEntity } from './entities.js';

/**
 * Lifecycle order: created → authenticated → active ⇄ pending → halted, then the end states.
 * It only breaks ties between snapshots of the same second (Razorpay's `created_at` is in seconds
 * and authenticated/activated/charged often share one); otherwise the later snapshot wins.
 */
const lifecycleRank: Record<string, number> = {
  created: 0,
  authenticated: 1,
  active: 2,
  pending: 3,
  paused: 3,
  halted: 4,
  cancelled: 5,
  completed: 5,
  expired: 5,
};

const rankOf = (status: string) => lifecycleRank[status] ?? 0;

export interface StoredState {
  status: string;
  last_event_at: number | null;
}

/** Whether a snapshot of `status` taken at `at` (unix seconds) supersedes what is stored. */
export function supersedes(stored: StoredState, status: string, at: number): boolean {
  if (stored.last_event_at === null) return true;
  const storedAt = Number(stored.last_event_at);
  if (at !== storedAt) return at > storedAt;
  return rankOf(status) >= rankOf(stored.status);
}

const toDate = (seconds: number | null): Date | null => (seconds === null ? null : new Date(seconds * 1000));

/**
 * The columns a snapshot sets. A period Razorpay leaves out (null) keeps the one we know, so a
 * later `halted` or `cancelled` without dates does not forget when the paid period ends.
 */
export function stateFromEntity(entity: SubscriptionEntity, at: number) {
  return {
    status: entity.status,
    last_event_at: at,
    ...(entity.current_start !== null ? { current_start: toDate(entity.current_start) } : {}),
    ...(entity.current_end !== null ? { current_end: toDate(entity.current_end) } : {}),
    ...(entity.short_url ? { short_url: entity.short_url } : {}),
  };
}
