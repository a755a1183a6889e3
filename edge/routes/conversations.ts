import {
  endConversation, listConversations, openConversation, ownedConversation, resumeConversation,
} from '../../shared/chat/conversations.js';
import { conversationView, messageView } from '../../shared/chat/views.js';
import type { EdgeDeps } from '../deps.js';
import type { ApiRouter } from '../route.js';
import {
  conversationListSchema, conversationSchema, conversationWithMessages, createConversationBody, listConversationsQuery,
} from './conversations.schema.js';

const unauthorized = { description: '`unauthorized`' };
const missing = { description: '`not_found`: no such conversation, or another user\'s' };

export function conversationRoutes(api: ApiRouter, { infra }: EdgeDeps): void {
  api.add(
    {
      method: 'post', path: '/v1/conversations', summary: 'Start a conversation with a character (greeting first)', tag: 'chat', access: 'user',
      body: createConversationBody,
      responses: {
        201: { description: 'A new conversation with the greeting as its first message', schema: conversationWithMessages },
        402: { description: '`pro_required`: a premium character, or one active conversation too many (`details.active_conversation_ids`)' },
        401: unauthorized,
        404: { description: '`not_found`: no such character' },
        422: { description: '`validation_failed`' },
      },
    },
    async (ctx, { body, auth }) => {
      const { conversation, messages } = await openConversation(infra, auth, body);
      ctx.status = 201;
      return { ...conversationView(conversation), messages: messages.map(messageView) };
    },
  );

  api.add(
    {
      method: 'get', path: '/v1/conversations', summary: 'The user\'s conversations, latest first', tag: 'chat', access: 'user',
      query: listConversationsQuery,
      responses: { 200: { description: 'A page of conversations', schema: conversationListSchema }, 401: unauthorized, 422: { description: '`validation_failed`' } },
    },
    async (_ctx, { query, auth }) => {
      const page = await listConversations(auth.user_id, query);
      return { items: page.items.map(conversationView), next_cursor: page.next_cursor };
    },
  );

  api.add(
    {
      method: 'get', path: '/v1/conversations/:id', summary: 'One conversation', tag: 'chat', access: 'user',
      responses: { 200: { description: 'The conversation', schema: conversationSchema }, 401: unauthorized, 404: missing },
    },
    async (_ctx, { params, auth }) => conversationView(await ownedConversation(auth.user_id, params.id!)),
  );

  api.add(
    {
      method: 'delete', path: '/v1/conversations/:id', summary: 'End a conversation (its history stays)', tag: 'chat', access: 'user',
      responses: { 204: { description: 'Ended' }, 401: unauthorized, 404: missing },
    },
    async (_ctx, { params, auth }) => {
      await endConversation(auth.user_id, params.id!);
    },
  );

  api.add(
    {
      method: 'post', path: '/v1/conversations/:id/resume', summary: 'Make an ended conversation active again (Pro)', tag: 'chat', access: 'user',
      responses: {
        200: { description: 'The conversation, active', schema: conversationSchema },
        402: { description: '`pro_required`: a free user, or the active limit is reached (`details.active_conversation_ids`)' },
        401: unauthorized,
        404: missing,
      },
    },
    async (_ctx, { params, auth }) => conversationView(await resumeConversation(infra, auth, params.id!)),
  );
}
