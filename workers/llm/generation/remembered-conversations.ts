import type { TurnConversation } from '../../../shared/chat/conversations.js';
import type { Infra } from '../../../shared/infra.js';
import { Lru } from '../../../shared/lru.js';
import { perInfra } from '../../../shared/per-infra.js';

/**
 * Per process, the conversations the owner check last read: the next turn asks the model from its
 * copy at once, and the generation checks that copy against the fresh row before it publishes.
 */
const REMEMBERED_CONVERSATIONS = 20_000;
const REMEMBER_CONVERSATION_MS = 10 * 60_000;

const copiesOf = perInfra(() => new Lru<TurnConversation>(REMEMBERED_CONVERSATIONS, REMEMBER_CONVERSATION_MS));

export const rememberConversation = (infra: Infra, row: TurnConversation): void => copiesOf(infra).set(row.id, row);

/** A remembered copy worth starting the model from: the same owner, and not ended. */
export function rememberedConversation(infra: Infra, conversationId: string, userId: string): TurnConversation | undefined {
  const remembered = copiesOf(infra).get(conversationId);
  return remembered?.user_id === userId && remembered.status !== 'ended' ? remembered : undefined;
}

/** This process's summariser moved a conversation's summary: its copy follows, so the next turn here is asked once. */
export function rememberSummary(infra: Infra, conversationId: string, summary: Pick<TurnConversation, 'summary' | 'summary_through_message_id'>): void {
  const remembered = copiesOf(infra).get(conversationId);
  if (remembered) copiesOf(infra).set(conversationId, { ...remembered, ...summary });
}
