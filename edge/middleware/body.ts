import type { Middleware } from 'koa';
import getRawBody from 'raw-body';
import { AppError } from '../../shared/errors.js';
import type { EdgeState } from '../context.js';

export const JSON_BODY_LIMIT = 64 * 1024;

const methodsWithBody = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Reads JSON bodies strictly (64 KiB, 413 beyond; 400 for anything that is not JSON) and keeps the
 * raw bytes, which webhook signatures are computed over. Multipart bodies are left to their route.
 */
export const jsonBody = (): Middleware<EdgeState> => async (ctx, next) => {
  if (!methodsWithBody.has(ctx.method) || ctx.is('multipart/*')) return next();
  const declared = Number(ctx.get('Content-Length') || 0);
  if (declared > JSON_BODY_LIMIT) throw new AppError('payload_too_large', `The body exceeds ${JSON_BODY_LIMIT} bytes`);
  const raw = await getRawBody(ctx.req, { limit: JSON_BODY_LIMIT }).catch((error: { type?: string }) => {
    if (error.type === 'entity.too.large') throw new AppError('payload_too_large', `The body exceeds ${JSON_BODY_LIMIT} bytes`);
    throw new AppError('bad_request', 'The body could not be read');
  });
  ctx.state.rawBody = raw;
  if (raw.length > 0) {
    if (ctx.request.type && !ctx.is('json', '+json')) throw new AppError('bad_request', 'The body must be application/json');
    try {
      ctx.state.body = JSON.parse(raw.toString('utf8'));
    } catch {
      throw new AppError('bad_request', 'The body is not valid JSON');
    }
  }
  await next();
};
