import { Interest, User, UserInterest, type Conversation } from '../../../shared/db/models/index.js';
import { getCharacter } from '../../../shared/characters/catalogue.js';
import { localisedTexts } from '../../../shared/characters/views.js';
import { recentMessages, RECENT_WINDOW } from '../../../shared/chat/history-cache.js';
import type { Infra } from '../../../shared/infra.js';
import { isLanguageCode } from '../../../shared/languages.js';
import { signalsCrisis } from '../../../shared/prompt/safety.js';
import type { ReplyLanguage } from '../../../shared/prompt/script.js';
import type { HistoryMessage, PromptInput } from '../../../shared/prompt/slots.js';
import { contextWindowOf } from '../../../shared/prompt/tokens.js';

/** Tokens kept back for the reply, out of the model's window (a quarter of a small window). */
const REPLY_RESERVE_TOKENS = 1024;
export const replyReserveFor = (contextWindow: number) => Math.min(REPLY_RESERVE_TOKENS, Math.floor(contextWindow / 4));

export interface TurnContext {
  conversation: Conversation;
  input: PromptInput;
  /** The cache held a full window: older messages may lie outside it, waiting for the summary. */
  windowFull: boolean;
}

/** The history after the summary's last message: what the summary covers is not repeated. */
function afterSummary(history: HistoryMessage[], throughId: string | null): HistoryMessage[] {
  if (!throughId) return history;
  const index = history.findIndex((message) => message.id === throughId);
  return index === -1 ? history : history.slice(index + 1);
}

async function userFacts(userId: string): Promise<PromptInput['user']> {
  const [user, picks] = await Promise.all([
    User.findByPk(userId, { attributes: ['display_name'] }),
    UserInterest.findAll({ where: { user_id: userId } }),
  ]);
  const interests = picks.length ? await Interest.findAll({ where: { slug: picks.map((pick) => pick.interest_slug) } }) : [];
  return {
    displayName: user?.display_name ?? null,
    interests: interests.map((interest) => interest.names?.en ?? interest.slug),
  };
}

/** Gathers what the prompt builder needs for one turn of a conversation. */
export async function loadTurnContext(
  infra: Infra,
  conversation: Conversation,
  model: string,
  latest: { content: string; language: string },
): Promise<TurnContext> {
  const { id: conversationId, user_id: userId } = conversation;
  const [character, user, recent] = await Promise.all([
    getCharacter(infra, conversation.character_id, { includeDeleted: true }),
    userFacts(userId),
    recentMessages(infra, conversationId),
  ]);
  if (!character) throw new Error(`character ${conversation.character_id} of conversation ${conversationId} is missing`);
  const conversationLanguage = isLanguageCode(conversation.language) ? conversation.language : 'en';
  const contextWindow = contextWindowOf(model, infra.config.LLM_CONTEXT_TOKENS);
  return {
    conversation,
    windowFull: recent.length >= RECENT_WINDOW,
    input: {
      character: { name: localisedTexts(character, conversationLanguage).name, persona: character.persona },
      conversationLanguage,
      replyLanguage: latest.language as ReplyLanguage,
      user,
      summary: conversation.summary,
      history: afterSummary(recent, conversation.summary_through_message_id),
      crisis: signalsCrisis(latest.content),
      contextWindow,
      replyReserve: replyReserveFor(contextWindow),
    },
  };
}
