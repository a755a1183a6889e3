import {
  exampleDialogueSlot, languageSlot, personaSlot, postHistorySlot, safetySlot, summarySlot, userFactsSlot,
  type HistoryMessage, type PromptInput, type SlotName,
} from './slots.js';
import { keepFirstTokens, keepLastTokens, messageTokens, MESSAGE_OVERHEAD_TOKENS, REPLY_PRIMING_TOKENS } from './tokens.js';

export interface PromptMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface BuiltPrompt {
  messages: PromptMessage[];
  /** Tokens of `messages` as the tokenizer counts them; never above the budget. */
  promptTokens: number;
  budget: number;
  /** Slots used, in order (what the tests and the debug log look at). */
  slots: SlotName[];
  /** Older history left out for lack of room, oldest first: what the rolling summary must fold in. */
  omitted: HistoryMessage[];
}

/** Room an example dialogue may take at most, as a share of what is left for history. */
const EXAMPLE_SHARE = 0.25;

/**
 * Builds the chat prompt: one system message of ordered slots (persona and scenario, language,
 * safety, user facts, summary, example dialogue when it fits), then history newest-first as far as
 * the budget allows, then the post-history instruction. Budget = window − reply reserve.
 */
export function buildPrompt(input: PromptInput): BuiltPrompt {
  const budget = Math.max(0, input.contextWindow - input.replyReserve);
  const latest = input.history.at(-1);
  const older = input.history.slice(0, -1);

  const fixed: Array<[SlotName, string | null]> = [
    ['persona', personaSlot(input.character)],
    ['language', languageSlot(input)],
    ['safety', safetySlot(input)],
    ['user_facts', userFactsSlot(input)],
    ['summary', summarySlot(input)],
  ];
  const postHistory = postHistorySlot(input);
  const slots: SlotName[] = fixed.filter(([, text]) => text).map(([name]) => name);
  let system = fixed.map(([, text]) => text).filter(Boolean).join('\n\n');

  let used = messageTokens(system) + messageTokens(postHistory) + REPLY_PRIMING_TOKENS;
  // The message being answered always goes in; if even the fixed slots crowd it out, they yield first.
  let latestText = latest?.content ?? '';
  const latestCost = latest ? messageTokens(latestText) : 0;
  if (used + latestCost > budget) {
    const systemRoom = Math.max(0, budget - latestCost - messageTokens(postHistory) - REPLY_PRIMING_TOKENS - MESSAGE_OVERHEAD_TOKENS);
    system = keepFirstTokens(system, systemRoom);
    used = messageTokens(system) + messageTokens(postHistory) + REPLY_PRIMING_TOKENS;
  }
  if (latest && used + messageTokens(latestText) > budget) {
    latestText = keepLastTokens(latestText, Math.max(0, budget - used - MESSAGE_OVERHEAD_TOKENS));
  }
  if (latest) used += messageTokens(latestText);

  const example = exampleDialogueSlot(input);
  if (example) {
    const cost = messageTokens(`${system}\n\n${example}`) - messageTokens(system);
    if (cost <= (budget - used) * EXAMPLE_SHARE) {
      system = `${system}\n\n${example}`;
      used += cost;
      slots.push('example_dialogue');
    }
  }

  const kept: HistoryMessage[] = [];
  let firstKept = older.length;
  for (let index = older.length - 1; index >= 0; index -= 1) {
    const cost = messageTokens(older[index]!.content);
    if (used + cost > budget) break;
    used += cost;
    kept.unshift(older[index]!);
    firstKept = index;
  }
  if (kept.length || latest) slots.push('history');
  slots.push('post_history');

  const messages: PromptMessage[] = [
    { role: 'system', content: system },
    ...kept.map(({ role, content }) => ({ role, content })),
    ...(latest ? [{ role: latest.role, content: latestText }] : []),
    { role: 'system' as const, content: postHistory },
  ];
  return { messages, promptTokens: used, budget, slots, omitted: older.slice(0, firstKept) };
}

/** Counts a finished prompt the same way the builder does (for usage when the provider sends none). */
export const countPromptTokens = (messages: PromptMessage[]): number =>
  messages.reduce((sum, message) => sum + messageTokens(message.content), REPLY_PRIMING_TOKENS);
