import { Agent, request } from 'node:http';

export interface SseTiming {
  status: number;
  /** ms from sending the request to the response head. */
  headersMs: number;
  /** ms from sending the request to the first `token` event (NaN when none came). */
  firstTokenMs: number;
  /** ms from sending the request to the last byte. */
  totalMs: number;
  /** ms between consecutive events after the first token. */
  gapsMs: number[];
  events: Array<{ event: string; id?: string; data: string }>;
}

const TURN_TIMEOUT_MS = 30_000;

export const keepAliveAgent = (maxSockets: number) => new Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });

/**
 * One SSE request that records, event by event, when each arrived: autocannon and friends cannot
 * tell the time to the first event of a stream.
 */
export function sseRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; agent?: Agent } = {},
): Promise<SseTiming> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const events: SseTiming['events'] = [];
    const gapsMs: number[] = [];
    let headersMs = Number.NaN;
    let firstTokenMs = Number.NaN;
    let lastEventAt = 0;
    let buffer = '';
    const req = request(url, { method: options.method ?? 'GET', headers: { accept: 'text/event-stream', ...options.headers }, agent: options.agent }, (res) => {
      headersMs = performance.now() - started;
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let boundary = buffer.indexOf('\n\n');
        while (boundary >= 0) {
          const block = buffer.slice(0, boundary);
          buffer = buffer.slice(boundary + 2);
          boundary = buffer.indexOf('\n\n');
          const fields = Object.fromEntries(
            block.split('\n').filter((line) => line && !line.startsWith(':')).map((line) => {
              const colon = line.indexOf(':');
              return [line.slice(0, colon), line.slice(colon + 1).trimStart()];
            }),
          );
          if (!fields.event && !fields.data) continue;
          const now = performance.now();
          if (fields.event === 'token' && Number.isNaN(firstTokenMs)) firstTokenMs = now - started;
          else if (!Number.isNaN(firstTokenMs)) gapsMs.push(now - lastEventAt);
          lastEventAt = now;
          events.push({ event: fields.event ?? 'message', id: fields.id, data: fields.data ?? '' });
        }
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headersMs, firstTokenMs, totalMs: performance.now() - started, gapsMs, events }));
      res.on('error', reject);
    });
    req.on('error', reject);
    // A turn that never ends is counted as failed rather than hanging the whole run.
    req.setTimeout(TURN_TIMEOUT_MS, () => req.destroy(new Error(`no end within ${TURN_TIMEOUT_MS} ms`)));
    if (options.body) req.end(options.body);
    else req.end();
  });
}
