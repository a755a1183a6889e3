import type { Persona } from '../db/models/characters.js';
import type { LanguageCode } from '../languages.js';
import { languageRule } from './language-rule.js';
import { CRISIS_INSTRUCTION, SAFETY_RULE } from './safety.js';
import type { ReplyLanguage } from './script.js';

/** What the prompt builder needs to know about a turn; gathered by the llm worker. */
export interface PromptInput {
  character: { name: string; persona: Persona };
  conversationLanguage: LanguageCode;
  replyLanguage: ReplyLanguage;
  user: { displayName: string | null; interests: string[] };
  /** The rolling summary of messages older than `history`. */
  summary: string | null;
  /** Oldest first; the last entry is the user message being answered. */
  history: HistoryMessage[];
  crisis: boolean;
  contextWindow: number;
  replyReserve: number;
}

export interface HistoryMessage {
  id: string;
  role: 'user' | 'assistant';
  content: string;
}

/** The system-prompt slots, in the order the model reads them. */
export const slotOrder = ['persona', 'language', 'safety', 'user_facts', 'summary', 'example_dialogue'] as const;
export type SlotName = (typeof slotOrder)[number] | 'history' | 'post_history';

export function personaSlot({ name, persona }: PromptInput['character']): string {
  const parts = [`You are ${name}. ${persona.system_prompt}`, `Personality: ${persona.personality}`];
  if (persona.scenario) parts.push(`Scenario: ${persona.scenario}`);
  return parts.join('\n');
}

export const languageSlot = (input: PromptInput): string => languageRule(input.conversationLanguage, input.replyLanguage);

export const safetySlot = (input: PromptInput): string => (input.crisis ? `${SAFETY_RULE}\n${CRISIS_INSTRUCTION}` : SAFETY_RULE);

export function userFactsSlot({ user }: PromptInput): string | null {
  const facts: string[] = [];
  if (user.displayName) facts.push(`The user's name is ${user.displayName}.`);
  if (user.interests.length) facts.push(`They are interested in: ${user.interests.join(', ')}.`);
  return facts.length ? `What the user told us: ${facts.join(' ')}` : null;
}

export const summarySlot = ({ summary }: PromptInput): string | null =>
  summary ? `Earlier in this conversation (summary): ${summary}` : null;

export function exampleDialogueSlot({ character }: PromptInput): string | null {
  const example = character.persona.example_dialogue?.trim();
  return example ? `Example of how ${character.name} talks (style only, not real history):\n${example}` : null;
}

export function postHistorySlot({ character }: PromptInput): string {
  return character.persona.post_history_instructions?.trim() ||
    `Stay in character as ${character.name}. Keep the reply short and warm, like a chat message, and follow the language rule.`;
}
