import { getCharacter } from '../../../shared/characters/catalogue.js';
import { localisedTexts } from '../../../shared/characters/views.js';
import { RECENT_WINDOW, type CachedMessage } from '../../../shared/chat/history-cache.js';
import type { Infra } from '../../../shared/infra.js';
import { isLanguageCode } from '../../../shared/languages.js';
import { signalsCrisis } from '../../../shared/prompt/safety.js';
import { detectReplyLanguage, type ReplyLanguage } from '../../../shared/prompt/script.js';
import type { HistoryMessage, PromptInput } from '../../../shared/prompt/slots.js';
import type { TurnConversation } from '../../../shared/chat/conversations.js';
import { userFactsFor } from './user-facts.js';
import { contextWindowOf } from '../../../shared/prompt/tokens.js';

/** Tokens kept back for the reply, out of the model's window (a quarter of a small window). */
const REPLY_RESERVE_TOKENS = 1024;
export const replyReserveFor = (contextWindow: number) => Math.min(REPLY_RESERVE_TOKENS, Math.floor(contextWindow / 4));

export interface TurnContext {
  conversation: TurnConversation;
  input: PromptInput;
  /** The cache held a full window: older messages may lie outside it, waiting for the summary. */
  windowFull: boolean;
  /**
   * Summarised messages still in the window (the summary's last one among them). At 0 with a full
   * window, messages the summary does not cover may lie outside it and only MySQL has them.
   */
  summarisedInWindow: number;
}

/** The language a turn is answered in: what its script says, else the conversation's. */
export const replyLanguageFor = (content: string, conversation: Pick<TurnConversation, 'language'>) =>
  detectReplyLanguage(content, isLanguageCode(conversation.language) ? conversation.language : 'en');

/** How many messages of the window the summary covers: the history starts after them. */
function summarisedCount(recent: HistoryMessage[], throughId: string | null): number {
  if (!throughId) return 0;
  return recent.findIndex((message) => message.id === throughId) + 1;
}

/** The user's latest message joins the history if the history was read before it was cached. */
function withLatest(history: CachedMessage[], latest: CachedMessage): CachedMessage[] {
  return history.some((message) => message.id === latest.id) ? history : [...history, latest];
}

export interface TurnInputs {
  conversation: TurnConversation;
  userId: string;
  model: string;
  latest: { id: string; content: string; language: string };
  /** The recent messages, read while the turn was let in. */
  history: Promise<CachedMessage[]>;
}

/** Gathers what the prompt builder needs for one turn of a conversation. */
export async function loadTurnContext(infra: Infra, { conversation, userId, model, latest, history }: TurnInputs): Promise<TurnContext> {
  const conversationId = conversation.id;
  const [character, user, cached] = await Promise.all([
    getCharacter(infra, conversation.character_id, { includeDeleted: true }),
    userFactsFor(infra).get(userId),
    history,
  ]);
  const recent = withLatest(cached, { id: latest.id, role: 'user', content: latest.content });
  if (!character) throw new Error(`character ${conversation.character_id} of conversation ${conversationId} is missing`);
  const conversationLanguage = isLanguageCode(conversation.language) ? conversation.language : 'en';
  const contextWindow = contextWindowOf(model, infra.config.LLM_CONTEXT_TOKENS);
  const summarised = summarisedCount(recent, conversation.summary_through_message_id);
  return {
    conversation,
    windowFull: recent.length >= RECENT_WINDOW,
    summarisedInWindow: summarised,
    input: {
      character: { name: localisedTexts(character, conversationLanguage).name, persona: character.persona },
      conversationLanguage,
      replyLanguage: latest.language as ReplyLanguage,
      user,
      summary: conversation.summary,
      history: recent.slice(summarised),
      crisis: signalsCrisis(latest.content),
      contextWindow,
      replyReserve: replyReserveFor(contextWindow),
    },
  };
}
