import type { Middleware } from 'koa';
import { randomUUID } from 'node:crypto';
import type { Logger } from '../../shared/logger.js';
import type { AuthContext, EdgeState } from '../context.js';

/** Any printable ASCII a tracing system may use (spaces, slashes, `=`, …); longer or other ids are replaced. */
const acceptable = /^[\x20-\x7e]{1,200}$/;

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

/** Echoes the client's request id, or makes one when it sent none or one that cannot be echoed, and binds it to every log line. */
export const requestId = (log: Logger): Middleware<EdgeState> => async (ctx, next) => {
  const incoming = ctx.get('X-Request-Id');
  ctx.state = new RequestState(log, acceptable.test(incoming) ? incoming : randomUUID());
  ctx.set('X-Request-Id', ctx.state.requestId);
  await next();
};
