import type { Middleware } from 'koa';
import { AppError, errorCatalogue, type ErrorCode } from '../../shared/errors.js';
import type { EdgeState } from '../context.js';

/** Errors thrown by Koa, raw-body and friends carry a status; these are the ones a client caused. */
const codeForStatus: Record<number, ErrorCode> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'not_found',
  413: 'payload_too_large',
  415: 'bad_request',
};

const toAppError = (error: unknown): AppError | null => {
  if (error instanceof AppError) return error;
  const status = (error as { status?: number; expose?: boolean })?.status;
  const code = status ? codeForStatus[status] : undefined;
  return code ? new AppError(code, code === 'payload_too_large' ? 'The request body is too large' : 'The request is malformed') : null;
};

/**
 * The one place errors become HTTP: API.md's envelope with the catalogue's status. Anything that is
 * not a client's fault is logged in full and answered as a bare `internal`.
 */
export const errorEnvelope = (): Middleware<EdgeState> => async (ctx, next) => {
  try {
    await next();
    if (ctx.status === 404 && ctx.body === undefined && ctx.respond !== false) {
      throw new AppError('not_found', 'No such route');
    }
  } catch (thrown) {
    const known = toAppError(thrown);
    const error = known ?? new AppError('internal', 'Something went wrong on our side');
    if (!known) ctx.state.log?.error({ err: thrown }, 'unhandled error');
    if (ctx.headerSent || !ctx.writable) return;
    ctx.status = errorCatalogue[error.code].status;
    for (const [name, value] of Object.entries(error.headers)) ctx.set(name, value);
    ctx.body = { error: { ...error.toBody(), request_id: ctx.state.requestId, details: error.details ?? {} } };
  }
};
