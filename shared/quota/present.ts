import { AppError } from '../errors.js';
import type { QuotaReserveReply, QuotaSnapshot } from '../subjects.js';

/** `X-Quota-*` headers of chat responses: the quota after this message is charged. */
export const quotaHeaders = (snapshot: QuotaSnapshot): Record<string, string> => ({
  'X-Quota-Limit': String(snapshot.limit),
  'X-Quota-Remaining': String(snapshot.remaining),
  'X-Quota-Reset': snapshot.resets_at,
});

/** The quota once a charged message is given back (a turn that failed upstream costs nothing). */
export const givenBack = (snapshot: QuotaSnapshot): QuotaSnapshot => ({
  ...snapshot,
  used: Math.max(0, snapshot.used - 1),
  remaining: Math.min(snapshot.limit, snapshot.remaining + 1),
});

/** 429 `quota_exceeded` with API.md's `details: {limit, used, resets_at}`; retry once the IST day turns. */
export const quotaExceeded = (snapshot: QuotaSnapshot, retryAfterS: number): AppError =>
  new AppError(
    'quota_exceeded',
    `The daily message quota of ${snapshot.limit} is used up; it resets at ${snapshot.resets_at}`,
    { limit: snapshot.limit, used: snapshot.used, resets_at: snapshot.resets_at },
    { ...quotaHeaders(snapshot), 'Retry-After': String(retryAfterS) },
  );

/** 429 `rate_limited` with `Retry-After` in seconds (and, for a chat message, the X-Quota-* headers). */
export const rateLimited = (retryAfterS: number, what = 'requests', quota?: QuotaSnapshot): AppError =>
  new AppError('rate_limited', `Too many ${what}; retry in ${retryAfterS} s`, { retry_after_s: retryAfterS }, {
    'Retry-After': String(retryAfterS),
    ...(quota && quotaHeaders(quota)),
  });

/** Turns a denied reservation into the error a client reads; an allowed one into its snapshot. */
export function acceptReservation(reply: QuotaReserveReply): QuotaSnapshot {
  if (reply.allowed) {
    const { allowed: _allowed, ...snapshot } = reply;
    return snapshot;
  }
  const { allowed: _allowed, reason, retry_after_s: retryAfterS, ...snapshot } = reply;
  throw reason === 'quota_exceeded' ? quotaExceeded(snapshot, retryAfterS) : rateLimited(retryAfterS, 'messages', snapshot);
}

/** The `quota` block of GET /v1/me (API.md field names). */
export const profileQuota = (snapshot: QuotaSnapshot) => ({
  daily_limit: snapshot.limit,
  used_today: snapshot.used,
  remaining: snapshot.remaining,
  resets_at: snapshot.resets_at,
});
