import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Infra } from './infra.js';
import { noteRedisFallback, type FallbackComponent } from './redis-fallback.js';

/** The in-process limiter that answers while Redis is unreachable; each use is logged and counted. */
class InsuranceLimiter extends RateLimiterMemory {
  constructor(
    private readonly infra: Pick<Infra, 'log' | 'clock'>,
    private readonly component: FallbackComponent,
    points: number,
    duration: number,
  ) {
    super({ points, duration });
  }

  override consume(key: string | number, points?: number, options?: Record<string, unknown>): Promise<RateLimiterRes> {
    noteRedisFallback(this.infra, this.component, new Error('rate limiter store unreachable'));
    return super.consume(key, points, options);
  }
}

export interface WindowLimit {
  /** Names the limiter's keys and its fallback in /metrics. */
  name: string;
  component: FallbackComponent;
  points: number;
  durationS: number;
  /** Points the in-process stand-in allows per window while Redis is down. */
  insurancePoints: number;
}

export type LimitVerdict = { allowed: true } | { allowed: false; retryAfterS: number };

/**
 * A fixed-window counter per key in Redis (rate-limiter-flexible), insured by an in-process one.
 * Only for rate limits: a refused consume still counts (NOTES.md), which is right for "requests per
 * minute" and wrong for the daily quota.
 */
export class WindowLimiter {
  private readonly limiter: RateLimiterRedis;

  constructor(
    private readonly infra: Pick<Infra, 'redis' | 'key' | 'log' | 'clock'>,
    limit: WindowLimit,
  ) {
    this.limiter = new RateLimiterRedis({
      storeClient: infra.redis,
      keyPrefix: infra.key('rate', limit.name),
      points: limit.points,
      duration: limit.durationS,
      rejectIfRedisNotReady: true,
      insuranceLimiter: new InsuranceLimiter(infra, limit.component, limit.insurancePoints, limit.durationS),
    });
  }

  async consume(key: string): Promise<LimitVerdict> {
    try {
      await this.limiter.consume(key);
      return { allowed: true };
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) {
        return { allowed: false, retryAfterS: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
      }
      this.infra.log.error({ err: rejection, key }, 'rate limiter failed; letting the request through');
      return { allowed: true };
    }
  }

  /** Gives back a point consumed for a request that was then refused or failed. */
  async giveBack(key: string): Promise<void> {
    await this.limiter.reward(key).catch((error: Error) => this.infra.log.warn({ err: error.message, key }, 'could not give a rate point back'));
  }
}
