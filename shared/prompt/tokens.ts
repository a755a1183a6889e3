import { decode, encode } from 'gpt-tokenizer';

const MEMO_ENTRIES = 20_000;
const memo = new Map<string, number>();

/**
 * Token counts with the o200k tokenizer of the GPT-4o family. Indic scripts cost several tokens
 * per word, so budgets are counted, never estimated from characters. Every turn recounts the same
 * persona and history, so counts are remembered (a bounded map, oldest out first).
 */
export function countTextTokens(text: string): number {
  const known = memo.get(text);
  if (known !== undefined) return known;
  const count = encode(text).length;
  if (memo.size >= MEMO_ENTRIES) memo.delete(memo.keys().next().value!);
  memo.set(text, count);
  return count;
}

/** Role and separator tokens the chat format adds around every message. */
export const MESSAGE_OVERHEAD_TOKENS = 4;
/** Tokens that prime the assistant's reply after the last message. */
export const REPLY_PRIMING_TOKENS = 3;

export const messageTokens = (content: string): number => countTextTokens(content) + MESSAGE_OVERHEAD_TOKENS;

/**
 * Cuts a text to at most `maxTokens` tokens, keeping its start or its end. A cut inside a
 * multi-byte character re-encodes longer, so the cut tightens until the count really fits.
 */
function cutToTokens(text: string, maxTokens: number, keep: 'start' | 'end'): string {
  if (maxTokens <= 0) return '';
  // A token is at least one byte, so a text of no more bytes than that fits without encoding it.
  if (Buffer.byteLength(text) <= maxTokens) return text;
  const tokens = encode(text);
  if (tokens.length <= maxTokens) return text;
  for (let take = maxTokens; take > 0; take -= 1) {
    const slice = keep === 'start' ? tokens.slice(0, take) : tokens.slice(tokens.length - take);
    const cut = decode(slice).replace(/\uFFFD/g, '');
    if (countTextTokens(cut) <= maxTokens) return cut;
  }
  return '';
}

/** Keeps the end of a message (its end says the most about what to answer). */
export const keepLastTokens = (text: string, maxTokens: number): string => cutToTokens(text, maxTokens, 'end');
export const keepFirstTokens = (text: string, maxTokens: number): string => cutToTokens(text, maxTokens, 'start');

/** Context windows of models Saathi is likely to be pointed at; others get a conservative 8k. */
const knownWindows: Array<[RegExp, number]> = [
  [/^gpt-4\.1/, 1_000_000],
  [/^gpt-4o/, 128_000],
  [/^gpt-4-turbo/, 128_000],
  [/^gpt-3\.5-turbo/, 16_385],
  [/^o[134]/, 128_000],
];

export function contextWindowOf(model: string, override?: number): number {
  if (override) return override;
  return knownWindows.find(([pattern]) => pattern.test(model))?.[1] ?? 8192;
}
