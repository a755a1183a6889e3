import getRawBody from 'raw-body';
import { AppError } from '../shared/errors.js';
import type { EdgeContext } from './context.js';

/** Multipart framing (boundaries, part headers) on top of the file itself. */
const FRAMING_ALLOWANCE = 16 * 1024;

const tooLarge = (maxBytes: number) => new AppError('payload_too_large', `The file may be at most ${maxBytes} bytes`);
const missing = (field: string) =>
  new AppError('validation_failed', `Send the file as multipart/form-data field "${field}"`, { issues: [{ path: field, message: 'Required' }] });

/**
 * Reads one file field of a multipart/form-data body, refusing more than `maxBytes` of file (413)
 * before buffering more than that from the socket.
 */
export async function readMultipartFile(ctx: EdgeContext, field: string, maxBytes: number): Promise<Buffer> {
  if (!ctx.is('multipart/form-data')) throw missing(field);
  const limit = maxBytes + FRAMING_ALLOWANCE;
  if (Number(ctx.get('Content-Length') || 0) > limit) throw tooLarge(maxBytes);
  const raw = await getRawBody(ctx.req, { limit }).catch((error: { type?: string }) => {
    throw error.type === 'entity.too.large' ? tooLarge(maxBytes) : new AppError('bad_request', 'The body could not be read');
  });
  let form: FormData;
  try {
    form = await new Response(raw, { headers: { 'content-type': ctx.get('Content-Type') } }).formData();
  } catch {
    throw new AppError('bad_request', 'The multipart body is malformed');
  }
  const file = form.get(field);
  if (!(file instanceof Blob)) throw missing(field);
  if (file.size > maxBytes) throw tooLarge(maxBytes);
  return Buffer.from(await file.arrayBuffer());
}
