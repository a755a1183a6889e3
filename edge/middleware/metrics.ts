import type { Middleware } from 'koa';
import { httpRequestDuration } from '../../shared/metrics.js';
import type { EdgeState } from '../context.js';

/** Times every request by its route pattern (never the raw path, which would explode cardinality). */
export const requestMetrics = (): Middleware<EdgeState> => async (ctx, next) => {
  const stopTimer = httpRequestDuration.startTimer({ method: ctx.method });
  try {
    await next();
  } finally {
    const route = (ctx as { _matchedRoute?: string })._matchedRoute ?? 'unmatched';
    stopTimer({ route: String(route), status: String(ctx.status) });
    ctx.state.log?.info({ method: ctx.method, route, status: ctx.status }, 'request');
  }
};
