import type { Infra } from '../../shared/infra.js';
import { chatPerMinute } from '../../shared/quota/limits.js';
import { WindowLimiter } from '../../shared/rate-limiters.js';
import type { Plan } from '../../shared/subjects.js';
import { DailyLedger } from './daily-ledger.js';
import { perInfra } from '../../shared/per-infra.js';

const MINUTE_S = 60;

/** What the quota handlers of one process share: the daily ledger and a chat-rate limiter per plan. */
export interface QuotaState {
  ledger: DailyLedger;
  chatRate: Record<Plan, WindowLimiter>;
}

/**
 * The per-user chat rate. While Redis is down each quota process allows half the rate on its own,
 * so a pool of two stays near the limit rather than doubling it.
 */
const chatRateLimiter = (infra: Infra, plan: Plan) => {
  const points = chatPerMinute(infra.config, plan);
  return new WindowLimiter(infra, {
    name: `chat-${plan}`,
    component: 'chat_rate',
    points,
    durationS: MINUTE_S,
    insurancePoints: Math.max(1, Math.floor(points / 2)),
  });
};

/** One state per process connection set, built on first use (handlers receive only the Infra). */
export const quotaState = perInfra((infra): QuotaState => ({
  ledger: new DailyLedger(infra),
  chatRate: { free: chatRateLimiter(infra, 'free'), pro: chatRateLimiter(infra, 'pro') },
}));
