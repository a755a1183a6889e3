import type { Infra } from './infra.js';
import { redisFallbacks } from './metrics.js';

/** One warning per component per interval is enough to page someone; the counter keeps the rest. */
const LOG_EVERY_MS = 10_000;
const lastLogged = new Map<string, number>();

export type FallbackComponent = 'chat_rate' | 'ip_rate' | 'daily_quota' | 'usage';

/**
 * Records that a Redis-backed check fell back to its in-process stand-in: counted in /metrics
 * (`saathi_redis_fallback_total`) and logged, throttled so an outage does not flood the log.
 */
export function noteRedisFallback(infra: Pick<Infra, 'log' | 'clock'>, component: FallbackComponent, error?: unknown): void {
  redisFallbacks.inc({ component });
  const now = infra.clock.now().getTime();
  const last = lastLogged.get(component);
  if (last !== undefined && Math.abs(now - last) < LOG_EVERY_MS) return;
  lastLogged.set(component, now);
  infra.log.warn({ component, err: error instanceof Error ? error.message : error }, 'redis unavailable; using the in-process fallback');
}
