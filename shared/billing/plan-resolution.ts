import type { Plan } from '../subjects.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The part of a stored subscription that decides whether it grants Pro. */
export interface SubscriptionTerms {
  status: string;
  current_end: Date | null;
  cancel_at_period_end: boolean;
}

/** How long a subscription grants Pro: through `paid_through`, or open-ended while it `renews`. */
export interface ProWindow {
  paid_through: Date | null;
  renews: boolean;
}

export interface PlanResolution {
  plan: Plan;
  /** The end of the paid period Pro rests on (shown as `plan_expires_at`); null on free. */
  expires_at: Date | null;
}

/**
 * The Pro rules: a subscription grants Pro while active, while authenticated with a paid period,
 * while pending within the grace period after its period ended, and — when cancelled at period
 * end — until that period ends. Halted, paused, expired, completed and created ones grant nothing.
 */
export function proWindow(terms: SubscriptionTerms, graceDays: number): ProWindow | null {
  const end = terms.current_end;
  if (terms.cancel_at_period_end) {
    const paidStates = ['active', 'authenticated', 'pending', 'cancelled', 'completed'];
    return end && paidStates.includes(terms.status) ? { paid_through: end, renews: false } : null;
  }
  switch (terms.status) {
    case 'active':
      return { paid_through: end, renews: true };
    case 'authenticated':
      return end ? { paid_through: end, renews: true } : null;
    case 'pending':
      return end ? { paid_through: new Date(end.getTime() + graceDays * DAY_MS), renews: false } : null;
    default:
      return null;
  }
}

const grantsPro = (window: ProWindow | null, now: Date): window is ProWindow =>
  window !== null && (window.renews || (window.paid_through !== null && now < window.paid_through));

/** A user's plan from all their subscriptions at an instant: Pro if any one grants it. */
export function resolvePlan(subscriptions: SubscriptionTerms[], now: Date, graceDays: number): PlanResolution {
  const windows = subscriptions.map((terms) => proWindow(terms, graceDays)).filter((window) => grantsPro(window, now));
  if (windows.length === 0) return { plan: 'free', expires_at: null };
  const ends = windows.map((window) => window.paid_through?.getTime()).filter((ms): ms is number => ms !== undefined);
  return { plan: 'pro', expires_at: ends.length ? new Date(Math.max(...ends)) : null };
}
