import type { TurnHandle } from '../../shared/chat/send-turn.js';
import { AppError, isErrorCode } from '../../shared/errors.js';
import { quotaHeaders } from '../../shared/quota/present.js';
import type { EdgeContext } from '../context.js';
import type { EdgeDeps } from '../deps.js';
import { relayGeneration } from './relay.js';

export const wantsEventStream = (ctx: EdgeContext): boolean => (ctx.get('accept') ?? '').includes('text/event-stream');

/** Aborts when the client hangs up; the generation itself runs on. */
function clientGone(ctx: EdgeContext): AbortSignal {
  const controller = new AbortController();
  ctx.res.on('close', () => controller.abort());
  return controller.signal;
}

/**
 * Relays a generation as API.md's SSE stream (`ack`, `token` ids, then `done` or `error`, with the
 * hub's `: ping` comments), starting after token `afterSeq`.
 */
export async function streamTurn(
  ctx: EdgeContext,
  { infra, sse }: EdgeDeps,
  turn: Pick<TurnHandle, 'generationId' | 'userMessage' | 'live'>,
  options: { afterSeq: number; ack: boolean },
) {
  const stream = sse.open(ctx);
  const controller = new AbortController();
  stream.onClose(() => controller.abort());
  if (options.ack) stream.send({ event: 'ack', data: { user_message: turn.userMessage, generation_id: turn.generationId } });
  try {
    await relayGeneration(
      infra,
      turn.generationId,
      options.afterSeq,
      (event) => stream.send({ event: event.event, data: event.data, ...(event.event === 'token' ? { id: event.id } : {}) }),
      controller.signal,
      turn.live,
    );
  } catch (error) {
    ctx.state.log.error({ err: error, generationId: turn.generationId }, 'relaying a generation failed');
    stream.send({ event: 'error', data: { code: 'unavailable', message: 'The stream broke; reconnect with Last-Event-ID to resume' } });
  }
  stream.end();
}

/** Waits for the whole reply and answers it as one JSON body (clients that did not ask for SSE). */
export async function completeTurn(ctx: EdgeContext, { infra }: EdgeDeps, turn: TurnHandle) {
  const ending = await relayGeneration(infra, turn.generationId, Number.MAX_SAFE_INTEGER, () => undefined, clientGone(ctx), turn.live);
  if (!ending) return undefined;
  if (ending.event === 'error') {
    throw new AppError(isErrorCode(ending.data.code) ? ending.data.code : 'internal', ending.data.message, { generation_id: turn.generationId });
  }
  if (ending.event !== 'done') throw new AppError('internal', 'The reply ended unexpectedly');
  return { user_message: turn.userMessage, ...ending.data };
}

/** Sends a turn back the way the client asked, with the X-Quota-* headers. */
export async function presentTurn(ctx: EdgeContext, deps: EdgeDeps, turn: TurnHandle) {
  if (turn.quota) ctx.set(quotaHeaders(turn.quota));
  if (!wantsEventStream(ctx)) return completeTurn(ctx, deps, turn);
  await streamTurn(ctx, deps, turn, { afterSeq: 0, ack: true });
  return undefined;
}
