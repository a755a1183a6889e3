import type { ServerResponse } from 'node:http';
import { sseStreamsOpen } from '../shared/metrics.js';
import { writeTogetherThisTick } from '../shared/write-together.js';
import type { EdgeContext } from './context.js';

export interface SseEvent {
  event: string;
  data: unknown;
  id?: number | string;
}

export interface SseOptions {
  heartbeatMs: number;
  /** A client that stops reading is cut off past this many unsent bytes; it can resume by Last-Event-ID. */
  maxBufferedBytes: number;
}

/** API.md: a comment at least every 15 s while idle. A second less, so a late timer never stretches a gap past it. */
export const SSE_HEARTBEAT_MS = 14_000;

const defaults: SseOptions = { heartbeatMs: SSE_HEARTBEAT_MS, maxBufferedBytes: 1024 * 1024 };

/**
 * A server-sent event stream written straight to the socket as events happen: a byte cap bounds a
 * slow reader, and close is observed once. Its hub sends the heartbeats.
 */
export class SseStream {
  private readonly res: ServerResponse;
  private readonly closeListeners: Array<() => void> = [];
  private open = true;

  constructor(
    ctx: EdgeContext,
    private readonly maxBufferedBytes: number,
    private readonly onFinish: (stream: SseStream) => void,
  ) {
    ctx.respond = false;
    const socket = ctx.req.socket;
    socket.setTimeout(0);
    socket.setNoDelay(true);
    // The headers leave with what the stream writes in this tick (a turn's `ack`): one write, not two.
    writeTogetherThisTick(socket);
    this.res = ctx.res;
    this.res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
      ...Object.fromEntries(Object.entries(ctx.response.headers).map(([name, value]) => [name, String(value)])),
    });
    this.res.flushHeaders();
    this.res.on('close', () => this.finish());
    sseStreamsOpen.inc();
  }

  get isOpen(): boolean {
    return this.open;
  }

  send({ event, data, id }: SseEvent): boolean {
    const idLine = id === undefined ? '' : `id: ${id}\n`;
    return this.write(`${idLine}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  /** A comment line: keeps proxies from idling the stream out. */
  ping(): void {
    this.write(': ping\n\n');
  }

  onClose(listener: () => void): void {
    if (this.open) this.closeListeners.push(listener);
    else listener();
  }

  end(): void {
    if (!this.open) return;
    this.res.end();
    this.finish();
  }

  private write(chunk: string): boolean {
    if (!this.open) return false;
    if (this.res.writableLength > this.maxBufferedBytes) {
      this.res.destroy();
      this.finish();
      return false;
    }
    this.res.write(chunk);
    return true;
  }

  private finish(): void {
    if (!this.open) return;
    this.open = false;
    sseStreamsOpen.dec();
    this.onFinish(this);
    for (const listener of this.closeListeners.splice(0)) listener();
  }
}

/**
 * The open streams of one edge, so a shutdown can let them finish or end them with an `error` event.
 * One timer pings them all while any is open: every stream hears a comment at least every
 * `heartbeatMs` without a timer of its own.
 */
export class SseHub {
  private readonly streams = new Set<SseStream>();
  private heartbeat: NodeJS.Timeout | null = null;

  constructor(private readonly options: SseOptions = defaults) {}

  open(ctx: EdgeContext): SseStream {
    const stream = new SseStream(ctx, this.options.maxBufferedBytes, this.forget);
    this.streams.add(stream);
    this.heartbeat ??= setInterval(() => this.pingAll(), this.options.heartbeatMs);
    return stream;
  }

  get size(): number {
    return this.streams.size;
  }

  /** Resolves once every stream has closed by itself, or after `ms`. */
  async drain(ms: number): Promise<void> {
    const deadline = Date.now() + ms;
    while (this.streams.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  }

  endAll(last: SseEvent): void {
    for (const stream of [...this.streams]) {
      stream.send(last);
      stream.end();
    }
  }

  private pingAll(): void {
    for (const stream of this.streams) stream.ping();
  }

  /** One function for every stream of the hub, rather than a closure each. */
  private readonly forget = (stream: SseStream): void => {
    this.streams.delete(stream);
    if (this.streams.size > 0 || !this.heartbeat) return;
    clearInterval(this.heartbeat);
    this.heartbeat = null;
  };
}
