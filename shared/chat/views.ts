import type { Conversation, Message } from '../db/models/index.js';
import type { MessageView } from '../subjects.js';

const iso = (value: Date | null | undefined): string | null => (value ? new Date(value).toISOString() : null);

export type MessageFields = Pick<Message, 'id' | 'role' | 'content' | 'language' | 'status' | 'created_at' | 'prompt_tokens' | 'completion_tokens'>;

/** A message as API.md shows it; a reply still being generated reads as `partial`. */
export function messageView(message: MessageFields): MessageView {
  const view: MessageView = {
    id: message.id,
    role: message.role,
    content: message.content,
    language: message.language,
    status: message.status === 'generating' ? 'partial' : message.status,
    created_at: iso(message.created_at)!,
  };
  if (message.role === 'assistant' && message.prompt_tokens !== null && message.prompt_tokens !== undefined) {
    view.usage = { prompt_tokens: message.prompt_tokens, completion_tokens: message.completion_tokens ?? 0 };
  }
  return view;
}

export interface ConversationView {
  id: string;
  character_id: string;
  language: string;
  status: 'active' | 'ended';
  title: string | null;
  created_at: string;
  last_message_at: string | null;
  message_count: number;
  last_message_preview: string | null;
}

export const conversationView = (conversation: Conversation): ConversationView => ({
  id: conversation.id,
  character_id: conversation.character_id,
  language: conversation.language,
  status: conversation.status,
  title: conversation.title,
  created_at: iso(conversation.created_at)!,
  last_message_at: iso(conversation.last_message_at),
  message_count: conversation.message_count,
  last_message_preview: conversation.last_message_preview,
});

const PREVIEW_CHARS = 200;

/** The list preview: the start of the latest message, on one line. */
export const previewOf = (content: string): string => {
  const line = content.replace(/\s+/g, ' ').trim();
  return line.length > PREVIEW_CHARS ? `${line.slice(0, PREVIEW_CHARS - 1)}…` : line;
};
