import type { Middleware } from 'koa';
import { randomUUID } from 'node:crypto';
import type { Logger } from '../../shared/logger.js';
import type { EdgeState } from '../context.js';

const acceptable = /^[A-Za-z0-9._:-]{1,128}$/;

/** Echoes a sane client request id or makes one, and binds it to every log line of the request. */
export const requestId = (log: Logger): Middleware<EdgeState> => async (ctx, next) => {
  const incoming = ctx.get('X-Request-Id');
  ctx.state.requestId = acceptable.test(incoming) ? incoming : randomUUID();
  ctx.state.log = log.child({ request_id: ctx.state.requestId });
  ctx.set('X-Request-Id', ctx.state.requestId);
  await next();
};
