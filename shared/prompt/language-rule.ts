import { languages, type LanguageCode } from '../languages.js';
import type { ReplyLanguage } from './script.js';

const describe = (code: ReplyLanguage): string => {
  if (code === 'hi-Latn') return 'Hinglish (Hindi written in the Latin alphabet, mixing in English words the way the user does)';
  const language = languages.find((item) => item.code === code)!;
  return `${language.name} (${language.native_name}, ${language.script} script)`;
};

/** The language slot: the conversation's language is the default, the user's own script wins. */
export function languageRule(conversationLanguage: LanguageCode, replyLanguage: ReplyLanguage): string {
  const reply = describe(replyLanguage);
  if (replyLanguage === conversationLanguage) {
    return `Language: always reply in ${reply}, whatever language the examples or persona are written in.`;
  }
  return `Language: this conversation is in ${describe(conversationLanguage)}, but the user's last message is in ` +
    `${reply}. Reply in ${reply}.`;
}
