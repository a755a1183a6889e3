import { AppError } from '../errors.js';

/** Opaque list cursors: base64url JSON of the sort key of the last item served. */
export const encodeCursor = (key: [string, string]): string => Buffer.from(JSON.stringify(key)).toString('base64url');

export function decodeCursor(cursor: string): [string, string] {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === 2 && key.every((part) => typeof part === 'string') && !Number.isNaN(Date.parse(String(key[0])))) {
      return key as [string, string];
    }
  } catch {
    // falls through to the validation error
  }
  throw new AppError('validation_failed', 'The query string is invalid', { issues: [{ path: 'cursor', message: 'not a cursor this API issued' }] });
}
