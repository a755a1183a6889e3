import type { LanguageCode } from '../languages.js';

/** A reply language: one of the 12 codes, or romanised Hindi (stored as its BCP-47 tag). */
export type ReplyLanguage = LanguageCode | 'hi-Latn';

export type Script =
  | 'Devanagari' | 'Bengali' | 'Gurmukhi' | 'Gujarati' | 'Odia' | 'Tamil' | 'Telugu' | 'Kannada'
  | 'Malayalam' | 'Perso-Arabic' | 'Latin';

/** Unicode blocks of the scripts Saathi reads; the Arabic block covers Urdu's Perso-Arabic letters. */
const blocks: Array<{ script: Script; from: number; to: number }> = [
  { script: 'Devanagari', from: 0x0900, to: 0x097f },
  { script: 'Bengali', from: 0x0980, to: 0x09ff },
  { script: 'Gurmukhi', from: 0x0a00, to: 0x0a7f },
  { script: 'Gujarati', from: 0x0a80, to: 0x0aff },
  { script: 'Odia', from: 0x0b00, to: 0x0b7f },
  { script: 'Tamil', from: 0x0b80, to: 0x0bff },
  { script: 'Telugu', from: 0x0c00, to: 0x0c7f },
  { script: 'Kannada', from: 0x0c80, to: 0x0cff },
  { script: 'Malayalam', from: 0x0d00, to: 0x0d7f },
  { script: 'Perso-Arabic', from: 0x0600, to: 0x06ff },
  { script: 'Perso-Arabic', from: 0x0750, to: 0x077f },
  { script: 'Perso-Arabic', from: 0xfb50, to: 0xfdff },
  { script: 'Perso-Arabic', from: 0xfe70, to: 0xfeff },
];

const scriptOf = (codePoint: number): Script | null => {
  if ((codePoint >= 0x41 && codePoint <= 0x5a) || (codePoint >= 0x61 && codePoint <= 0x7a)) return 'Latin';
  for (const block of blocks) if (codePoint >= block.from && codePoint <= block.to) return block.script;
  return null;
};

/** The script most of a text's letters are written in; null when it has no letters (emoji, digits). */
export function dominantScript(text: string): Script | null {
  const counts = new Map<Script, number>();
  for (const char of text) {
    const script = scriptOf(char.codePointAt(0)!);
    if (script) counts.set(script, (counts.get(script) ?? 0) + 1);
  }
  let best: Script | null = null;
  let bestCount = 0;
  for (const [script, count] of counts) {
    if (count > bestCount) [best, bestCount] = [script, count];
  }
  return best;
}

const scriptLanguage: Record<Exclude<Script, 'Devanagari' | 'Latin'>, LanguageCode> = {
  Bengali: 'bn', Gurmukhi: 'pa', Gujarati: 'gu', Odia: 'or', Tamil: 'ta', Telugu: 'te',
  Kannada: 'kn', Malayalam: 'ml', 'Perso-Arabic': 'ur',
};

/**
 * Function words of romanised Hindi that English rarely uses. Two of them, or one in a very short
 * message, mark a Latin-script message as Hinglish.
 */
const hinglishWords = new Set([
  'hai', 'hain', 'kya', 'kyun', 'kyu', 'nahi', 'nahin', 'nhi', 'mera', 'meri', 'mere', 'tera', 'teri', 'tum', 'tumhara',
  'aap', 'aapka', 'kaise', 'kaisa', 'kaisi', 'acha', 'accha', 'achha', 'yaar', 'bahut', 'bohot', 'raha', 'rahi', 'rahe',
  'karna', 'karo', 'kar', 'tha', 'thi', 'hum', 'humko', 'mujhe', 'mujhko', 'tujhe', 'bhi', 'aur', 'lekin', 'kuch',
  'koi', 'abhi', 'kal', 'aaj', 'haan', 'ji', 'matlab', 'samajh', 'pyaar', 'dost', 'bhai', 'didi', 'chal', 'chalo',
  'hoon', 'hu', 'hun', 'ho', 'gaya', 'gayi', 'wala', 'wali', 'sab', 'kab', 'kahan', 'kaun', 'jaise', 'agar', 'toh',
  'bas', 'sirf', 'zindagi', 'dil', 'khush', 'pata', 'batao', 'bolo', 'suno', 'dekho', 'main', 'apna', 'apni', 'se',
  'ko', 'ka', 'ki', 'ke', 'mein', 'par', 'bilkul', 'shukriya', 'dhanyavaad', 'namaste', 'theek', 'thik',
]);

/** Words both languages share, which must not count towards Hinglish on their own. */
const ambiguous = new Set(['main', 'ho', 'par', 'se', 'ko', 'hu', 'bas', 'ji', 'kar', 'dil']);

export function isHinglish(text: string): boolean {
  const words = text.toLowerCase().match(/[a-z]+/g) ?? [];
  if (words.length === 0) return false;
  const strong = words.filter((word) => hinglishWords.has(word) && !ambiguous.has(word)).length;
  const weak = words.filter((word) => ambiguous.has(word)).length;
  const score = strong + weak * 0.5;
  return strong >= 1 && (score >= 2 || (words.length <= 3 && strong >= 1)) && score / words.length >= 0.15;
}

/** Function words that tell Marathi from Hindi, which share the Devanagari script. */
const marathiWords = new Set([
  'आहे', 'आहेस', 'आहात', 'आहेत', 'आहोत', 'नाही', 'नाहीस', 'काय', 'मी', 'तू', 'तुम्ही', 'आम्ही', 'आपण', 'माझा', 'माझी',
  'माझे', 'तुझा', 'तुझी', 'तुझे', 'कसा', 'कशी', 'कसे', 'कुठे', 'आणि', 'पण', 'होता', 'होती', 'झाला', 'झाली', 'मला',
  'तुला', 'खूप', 'छान', 'बरं', 'बरे', 'उद्या', 'काल', 'सांग', 'सांगा', 'करतो', 'करते', 'करतोस', 'जातो', 'जाते',
]);
const hindiWords = new Set([
  'है', 'हैं', 'हूँ', 'हूं', 'हो', 'क्या', 'नहीं', 'मैं', 'तुम', 'आप', 'मेरा', 'मेरी', 'मेरे', 'तेरा', 'तेरी', 'कैसे',
  'कैसा', 'कैसी', 'कहाँ', 'कहां', 'और', 'लेकिन', 'बहुत', 'था', 'थी', 'रहा', 'रही', 'मुझे', 'तुम्हें', 'को', 'से',
  'में', 'की', 'के', 'कल', 'बताओ', 'करता', 'करती', 'जाता', 'जाती',
]);

/** Devanagari is Marathi when more of its words are Marathi's than Hindi's; a tie keeps the conversation's. */
function devanagariLanguage(text: string, conversationLanguage: LanguageCode): 'hi' | 'mr' {
  const words = text.split(/[^\u0900-\u097f]+/).filter(Boolean);
  const marathi = words.filter((word) => marathiWords.has(word)).length;
  const hindi = words.filter((word) => hindiWords.has(word)).length;
  if (marathi === hindi) return conversationLanguage === 'mr' ? 'mr' : 'hi';
  return marathi > hindi ? 'mr' : 'hi';
}

/**
 * The language to answer a message in. The conversation's language wins unless the message is
 * written in another script or language: Devanagari is Marathi or Hindi by its function words (the
 * conversation's when they do not tell); Latin is Hinglish or English.
 */
export function detectReplyLanguage(text: string, conversationLanguage: LanguageCode): ReplyLanguage {
  const script = dominantScript(text);
  if (!script) return conversationLanguage;
  if (script === 'Devanagari') return devanagariLanguage(text, conversationLanguage);
  if (script === 'Latin') {
    if (isHinglish(text)) return 'hi-Latn';
    return 'en';
  }
  return scriptLanguage[script];
}
