import type { Middleware, ParameterizedContext } from 'koa';
import { httpRequestDuration } from '../../shared/metrics.js';
import type { EdgeState } from '../context.js';

function record(ctx: ParameterizedContext<EdgeState>, startedAt: number): void {
  const route = (ctx as { _matchedRoute?: string })._matchedRoute ?? 'unmatched';
  httpRequestDuration.observe({ method: ctx.method, route: String(route), status: String(ctx.status) }, (performance.now() - startedAt) / 1000);
  ctx.state.log?.info({ method: ctx.method, route, status: ctx.status }, 'request');
}

/**
 * Times every request by its route pattern (never the raw path, which would explode cardinality). A
 * response still streaming when its handler returns (SSE) is timed and logged when it closes.
 */
export const requestMetrics = (): Middleware<EdgeState> => async (ctx, next) => {
  const startedAt = performance.now();
  try {
    await next();
  } finally {
    if (ctx.respond === false && !ctx.res.writableFinished) ctx.res.on('close', () => record(ctx, startedAt));
    else record(ctx, startedAt);
  }
};
