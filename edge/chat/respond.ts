import type { TurnHandle } from '../../shared/chat/send-turn.js';
import { AppError, isErrorCode } from '../../shared/errors.js';
import { givenBack, quotaHeaders } from '../../shared/quota/present.js';
import type { EdgeContext } from '../context.js';
import type { EdgeDeps } from '../deps.js';
import type { SseStream } from '../sse.js';
import { relayGeneration, type RelayEvent, type RelayTarget } from './relay.js';

/** Accept negotiated as HTTP says (q-values, case, wildcards); JSON unless the stream is preferred. */
export const wantsEventStream = (ctx: EdgeContext): boolean => ctx.accepts('application/json', 'text/event-stream') === 'text/event-stream';

/** Relays onto an SSE stream; a relay that breaks ends the stream with `error`, and the client resumes. */
class StreamTarget implements RelayTarget {
  constructor(
    private readonly ctx: EdgeContext,
    private readonly stream: SseStream,
    private readonly generationId: string,
  ) {}

  send(event: RelayEvent): void {
    this.stream.send({ event: event.event, data: event.data, ...(event.event === 'token' ? { id: event.id } : {}) });
  }

  end(): void {
    this.stream.end();
  }

  fail(error: unknown): void {
    this.ctx.state.log.error({ err: error, generationId: this.generationId }, 'relaying a generation failed');
    this.stream.send({ event: 'error', data: { code: 'unavailable', message: 'The stream broke; reconnect with Last-Event-ID to resume' } });
    this.stream.end();
  }
}

/**
 * Opens API.md's SSE stream of a generation (`ack`, `token` ids, then `done` or `error`, with the
 * hub's `: ping` comments), starting after token `afterSeq`, and leaves the relay running: the
 * request's middleware returns at once instead of holding its frames for as long as the stream
 * stays open, which may be minutes of silence.
 */
export function streamTurn(
  ctx: EdgeContext,
  { infra, sse }: EdgeDeps,
  turn: Pick<TurnHandle, 'generationId' | 'userMessage' | 'live'>,
  options: { afterSeq: number; ack: boolean },
): void {
  const stream = sse.open(ctx);
  if (options.ack) stream.send({ event: 'ack', data: { user_message: turn.userMessage, generation_id: turn.generationId } });
  const target = new StreamTarget(ctx, stream, turn.generationId);
  try {
    const relay = relayGeneration(infra, turn.generationId, options.afterSeq, target, turn.live);
    stream.onClose(() => relay.stop());
  } catch (error) {
    target.fail(error);
  }
}

/** Waits for the whole reply and answers it as one JSON body (clients that did not ask for SSE). */
export async function completeTurn(ctx: EdgeContext, { infra }: EdgeDeps, turn: TurnHandle) {
  const ending = await new Promise<RelayEvent | null>((resolve, reject) => {
    const relay = relayGeneration(infra, turn.generationId, Number.MAX_SAFE_INTEGER, { send: () => undefined, end: resolve, fail: reject }, turn.live);
    ctx.res.on('close', () => relay.stop());
  });
  if (!ending) return undefined;
  if (ending.event === 'error') {
    // A generation that fails has given its message back before it says so.
    if (turn.quota) ctx.set(quotaHeaders(givenBack(turn.quota)));
    throw new AppError(isErrorCode(ending.data.code) ? ending.data.code : 'internal', ending.data.message, { generation_id: turn.generationId });
  }
  if (ending.event !== 'done') throw new AppError('internal', 'The reply ended unexpectedly');
  return { user_message: turn.userMessage, ...ending.data };
}

/** Sends a turn back the way the client asked, with the X-Quota-* headers. */
export async function presentTurn(ctx: EdgeContext, deps: EdgeDeps, turn: TurnHandle) {
  if (turn.quota) ctx.set(quotaHeaders(turn.quota));
  if (!wantsEventStream(ctx)) return completeTurn(ctx, deps, turn);
  streamTurn(ctx, deps, turn, { afterSeq: 0, ack: true });
  return undefined;
}
