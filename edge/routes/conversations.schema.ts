import { z } from 'zod';
import { languageCodes } from '../../shared/languages.js';

export const conversationSchema = z.object({
  id: z.string(),
  character_id: z.string(),
  language: z.string(),
  status: z.enum(['active', 'ended']),
  title: z.string().nullable(),
  created_at: z.string(),
  last_message_at: z.string().nullable(),
  message_count: z.number().int(),
  last_message_preview: z.string().nullable(),
});

export const usageSchema = z.object({ prompt_tokens: z.number().int(), completion_tokens: z.number().int() });

export const messageSchema = z.object({
  id: z.string(),
  role: z.enum(['user', 'assistant']),
  content: z.string(),
  language: z.string().describe('a language code, or `hi-Latn` for romanised Hindi (Hinglish)'),
  status: z.enum(['complete', 'partial', 'failed']),
  created_at: z.string(),
  usage: usageSchema.optional(),
});

export const createConversationBody = z.strictObject({
  character_id: z.string().min(1).max(64),
  language: z.enum(languageCodes).optional(),
});

export const conversationWithMessages = conversationSchema.extend({ messages: z.array(messageSchema) });

const limit = (fallback: number, max: number) => z.coerce.number().int().min(1).max(max).default(fallback);

export const listConversationsQuery = z.strictObject({
  character_id: z.string().min(1).max(64).optional(),
  status: z.enum(['active', 'ended']).optional(),
  limit: limit(20, 100),
  cursor: z.string().min(1).max(500).optional(),
});

export const conversationListSchema = z.object({ items: z.array(conversationSchema), next_cursor: z.string().nullable() });

export const messagesQuery = z.strictObject({
  before: z.string().min(1).max(64).optional(),
  limit: limit(50, 100),
});

export const messageListSchema = z.object({ items: z.array(messageSchema), next_cursor: z.string().nullable() });

export const sendMessageBody = z.strictObject({
  content: z.string().trim().min(1).max(4000),
  client_message_id: z.string().min(1).max(100).optional(),
});

const quotaSchema = z.object({ remaining: z.number().int(), resets_at: z.string() });

export const turnResultSchema = z.object({
  user_message: messageSchema,
  assistant_message: messageSchema,
  usage: usageSchema,
  quota: quotaSchema,
});

export const sseDescription =
  'With `Accept: text/event-stream`: `ack` {user_message, generation_id}, then `token` {delta} with ids 1..n, ' +
  'then `done` {assistant_message, usage, quota} or `error` {code, message}; `: ping` comments at least every 15 s.';
