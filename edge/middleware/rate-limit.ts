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
 */
export function ipRateLimit(infra: Infra): Middleware<EdgeState> {
  const perIp = (name: string, points: number) =>
    new WindowLimiter(infra, { name, component: 'ip_rate', points, durationS: MINUTE_S, insurancePoints: points });
  const api = perIp('ip-api', infra.config.API_PER_MINUTE);
  const auth = perIp('ip-auth', infra.config.AUTH_PER_MINUTE);

  return async (ctx, next) => {
    if (unlimitedPaths.has(ctx.path)) return next();
    const limiters = ctx.path.startsWith(AUTH_PREFIX) ? [auth, api] : [api];
    for (const limiter of limiters) {
      const verdict = await limiter.consume(ctx.ip);
      if (!verdict.allowed) throw rateLimited(verdict.retryAfterS);
    }
    await next();
  };
}
