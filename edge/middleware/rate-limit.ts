import type { Middleware } from 'koa';
import type { Infra } from '../../shared/infra.js';
import { rateLimited } from '../../shared/quota/present.js';
import { WindowLimiter } from '../../shared/rate-limiters.js';
import type { EdgeState } from '../context.js';

const MINUTE_S = 60;

/** Probes and scrapes come from a few infrastructure addresses many times a minute; they are not clients. */
const unlimitedPaths = new Set(['/healthz', '/readyz', '/metrics']);

const AUTH_PREFIX = '/v1/auth/';

/**
 * Per-IP limits of API.md: `API_PER_MINUTE` on every route and, on top, `AUTH_PER_MINUTE` on
 * /v1/auth/* against credential guessing. Answers 429 `rate_limited` with Retry-After. The client
 * address is `ctx.ip`, which honours X-Forwarded-For only when TRUST_PROXY set Koa's `proxy`.
 * While Redis is down each edge limits on its own (logged and counted).
 *
 * The verdict's Redis round trip runs while the body is read and the request is validated and
 * matched to a cached token: `withinIpLimit` is awaited before any handler and before a token is
 * checked the slow way, so an address over its limit costs no database read, and its answer is
 * 429 whatever else was wrong with the request.
 */
export function ipRateLimit(infra: Infra): Middleware<EdgeState> {
  const perIp = (name: string, points: number) =>
    new WindowLimiter(infra, { name, component: 'ip_rate', points, durationS: MINUTE_S, insurancePoints: points });
  const api = perIp('ip-api', infra.config.API_PER_MINUTE);
  const auth = perIp('ip-auth', infra.config.AUTH_PER_MINUTE);

  const consumeAll = async (limiters: WindowLimiter[], ip: string) => {
    for (const limiter of limiters) {
      const verdict = await limiter.consume(ip);
      if (!verdict.allowed) throw rateLimited(verdict.retryAfterS);
    }
  };

  return async (ctx, next) => {
    if (unlimitedPaths.has(ctx.path)) return next();
    const within = consumeAll(ctx.path.startsWith(AUTH_PREFIX) ? [auth, api] : [api], ctx.ip);
    within.catch(() => undefined);
    ctx.state.withinIpLimit = within;
    try {
      await next();
    } catch (error) {
      await within;
      throw error;
    }
    await within;
  };
}

/** Settles once the request is known to be within its address's limits; rejects with the 429 otherwise. */
export const withinIpLimit = (ctx: { state: EdgeState }): Promise<void> => ctx.state.withinIpLimit ?? Promise.resolve();
