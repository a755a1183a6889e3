import { z } from 'zod';
import { cancelGeneration, ownedGeneration } from '../../shared/chat/generations.js';
import { AppError } from '../../shared/errors.js';
import { streamTurn } from '../chat/respond.js';
import type { EdgeContext } from '../context.js';
import type { EdgeDeps } from '../deps.js';
import type { ApiRouter } from '../route.js';
import { sseDescription } from './conversations.schema.js';

const cancelSchema = z.object({ generation_id: z.string(), status: z.enum(['cancelling', 'complete', 'partial', 'failed']) });

const missing = { description: '`not_found`: no such generation, or another user\'s' };

/** `Last-Event-ID: n` resumes after token n; absent means from the start (with the `ack`). */
function lastEventId(ctx: EdgeContext): number | null {
  const header = ctx.get('last-event-id');
  if (header === '') return null;
  if (!/^\d{1,9}$/.test(header.trim())) throw new AppError('bad_request', 'Last-Event-ID must be a token id (a whole number)');
  return Number(header.trim());
}

export function generationRoutes(api: ApiRouter, deps: EdgeDeps): void {
  api.add(
    {
      method: 'get', path: '/v1/generations/:id/stream', summary: 'Replay and follow a reply\'s stream (resume with Last-Event-ID)', tag: 'chat', access: 'user',
      responses: {
        200: { description: `${sseDescription} Tokens after \`Last-Event-ID\` are replayed, then followed live; kept at least 10 minutes.`, contentType: 'text/event-stream' },
        400: { description: '`bad_request`: a malformed Last-Event-ID' },
        401: { description: '`unauthorized`' },
        404: missing,
      },
    },
    async (ctx, { params, auth }) => {
      const after = lastEventId(ctx);
      const { userMessage } = await ownedGeneration(deps.infra, auth.user_id, params.id!);
      streamTurn(ctx, deps, { generationId: params.id!, userMessage }, { afterSeq: after ?? 0, ack: after === null });
      return undefined;
    },
  );

  api.add(
    {
      method: 'post', path: '/v1/generations/:id/cancel', summary: 'Stop a reply; its stream ends with `done` and a `partial` message', tag: 'chat', access: 'user',
      responses: {
        202: { description: '`cancelling`: the worker was asked to stop; or how the reply already ended, unchanged', schema: cancelSchema },
        401: { description: '`unauthorized`' },
        404: missing,
      },
    },
    async (ctx, { params, auth }) => {
      const status = await cancelGeneration(deps.infra, auth.user_id, params.id!);
      ctx.status = 202;
      return { generation_id: params.id, status };
    },
  );
}
