import type { Middleware } from 'koa';
import { randomUUID } from 'node:crypto';
import type { Logger } from '../../shared/logger.js';
import type { AuthContext, EdgeState } from '../context.js';

const acceptable = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * A request's state. Its child logger is made on first use: pino serializes and redacts a child's
 * bindings (a few KB), and a long-lived SSE stream would otherwise hold one until it ends.
 */
class RequestState implements EdgeState {
  rawBody?: Buffer;
  body?: unknown;
  auth?: AuthContext;
  private child: Logger | null = null;

  constructor(private readonly root: Logger, readonly requestId: string) {}

  get log(): Logger {
    return (this.child ??= this.root.child({ request_id: this.requestId }));
  }
}

/** Echoes a sane client request id or makes one, and binds it to every log line of the request. */
export const requestId = (log: Logger): Middleware<EdgeState> => async (ctx, next) => {
  const incoming = ctx.get('X-Request-Id');
  ctx.state = new RequestState(log, acceptable.test(incoming) ? incoming : randomUUID());
  ctx.set('X-Request-Id', ctx.state.requestId);
  await next();
};
