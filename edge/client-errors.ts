import { randomUUID } from 'node:crypto';
import type { Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from '../shared/logger.js';

const messages: Record<string, string> = {
  HPE_HEADER_OVERFLOW: 'The request line or headers are too large',
};

/** A whole HTTP/1.1 response that closes the connection. */
const response = (status: string, requestId: string, headers: string[], body = '') =>
  [`HTTP/1.1 ${status}`, ...headers, `Content-Length: ${Buffer.byteLength(body)}`, `X-Request-Id: ${requestId}`, 'Connection: close', '', body].join('\r\n');

/** API.md's envelope for a request Koa never saw. */
function badRequest(requestId: string, message: string): string {
  const body = JSON.stringify({ error: { code: 'bad_request', message, request_id: requestId, details: {} } });
  return response('400 Bad Request', requestId, ['Content-Type: application/json; charset=utf-8'], body);
}

/**
 * Requests Node's own parser rejects (a malformed request line or header, headers over its 16 KiB
 * limit, bytes past a body's Content-Length) never reach Koa, and Node would answer them with a bare
 * status. They get the same 400 `bad_request` envelope and X-Request-Id as any other; a request that
 * never finished arriving gets Node's 408, with an X-Request-Id. A broken connection, or one whose
 * earlier response is under way, is closed with no answer. The raw bytes are never logged: they may
 * hold a token.
 */
export function answerClientErrors(server: Server, log: Logger): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // Node's own default makes the same check: bytes written now would land inside that response.
    const answering = (socket as Duplex & { _httpMessage?: ServerResponse })._httpMessage?.headersSent;
    if (!socket.writable || answering || error.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const requestId = randomUUID();
    if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
      socket.end(response('408 Request Timeout', requestId, []));
      return;
    }
    log.info({ request_id: requestId, code: error.code }, 'malformed request refused before routing');
    socket.end(badRequest(requestId, messages[error.code ?? ''] ?? 'The request is malformed'));
  });
}
