import { messagePage, ownedConversation } from '../../shared/chat/conversations.js';
import { startTurn } from '../../shared/chat/send-turn.js';
import { messageView } from '../../shared/chat/views.js';
import { presentTurn } from '../chat/respond.js';
import type { EdgeDeps } from '../deps.js';
import type { ApiRouter } from '../route.js';
import { messageListSchema, messagesQuery, sendMessageBody, sseDescription, turnResultSchema } from './conversations.schema.js';

const unauthorized = { description: '`unauthorized`' };
const missing = { description: '`not_found`: no such conversation, or another user\'s' };

export function messageRoutes(api: ApiRouter, deps: EdgeDeps): void {
  api.add(
    {
      method: 'get', path: '/v1/conversations/:id/messages', summary: 'Message history, pages walking back in time', tag: 'chat', access: 'user',
      query: messagesQuery,
      responses: {
        200: { description: 'Messages in chronological order; `next_cursor` is the `before` of the older page', schema: messageListSchema },
        401: unauthorized, 404: missing, 422: { description: '`validation_failed`' },
      },
    },
    async (_ctx, { params, query, auth }) => {
      const conversation = await ownedConversation(auth.user_id, params.id!);
      const page = await messagePage(deps.infra, conversation, query);
      return { items: page.items.map(messageView), next_cursor: page.next_cursor };
    },
  );

  api.add(
    {
      method: 'post', path: '/v1/conversations/:id/messages', summary: 'Send a message and get the character\'s reply (SSE or JSON)', tag: 'chat', access: 'user',
      body: sendMessageBody,
      responses: {
        200: { description: `The reply. ${sseDescription} Otherwise JSON once the reply is complete.`, schema: turnResultSchema },
        401: unauthorized, 404: missing,
        409: { description: '`conflict`: the conversation has ended, or a reply is still generating (`details.generation_id`)' },
        422: { description: '`validation_failed`' },
        429: { description: '`quota_exceeded` (`details: {limit, used, resets_at}`) or `rate_limited` (`Retry-After`)' },
        502: { description: '`upstream_error`: the LLM provider failed (JSON mode); nothing is charged' },
        503: { description: '`unavailable`: no llm worker answers; nothing is charged' },
      },
    },
    async (ctx, { params, body, auth }) => presentTurn(ctx, deps, await startTurn(deps.infra, auth, params.id!, body)),
  );
}
