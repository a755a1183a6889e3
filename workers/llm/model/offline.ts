import { setTimeout as sleep } from 'node:timers/promises';
import type { ReplyLanguage } from '../../../shared/prompt/script.js';
import type { ChatModel, StreamPart } from './types.js';

/**
 * Without OPENAI_API_KEY the pool still answers, so a fresh `npm start` shows the whole flow; every
 * reply says plainly that it is a stand-in.
 */
const replies: Record<ReplyLanguage, string> = {
  en: '[Offline demo reply — no AI provider is configured] Hello! I am here with you. Tell me more?',
  'hi-Latn': '[Offline demo reply — no AI provider configured] Namaste! Main yahin hoon. Aur batao?',
  hi: '[ऑफ़लाइन डेमो जवाब — कोई AI प्रदाता सेट नहीं है] नमस्ते! मैं यहीं हूँ। और बताइए?',
  mr: '[ऑफलाइन डेमो उत्तर — AI प्रदाता सेट नाही] नमस्कार! मी इथेच आहे. अजून सांगा?',
  bn: '[অফলাইন ডেমো উত্তর — কোনো AI প্রদানকারী সেট নেই] নমস্কার! আমি এখানেই আছি। আরও বলুন?',
  te: '[ఆఫ్‌లైన్ డెమో సమాధానం — AI ప్రొవైడర్ సెట్ చేయలేదు] నమస్కారం! నేను ఇక్కడే ఉన్నాను. ఇంకా చెప్పండి?',
  ta: '[ஆஃப்லைன் டெமோ பதில் — AI வழங்குநர் அமைக்கப்படவில்லை] வணக்கம்! நான் இங்கேயே இருக்கிறேன். இன்னும் சொல்லுங்கள்?',
  ur: '[آف لائن ڈیمو جواب — کوئی AI فراہم کنندہ سیٹ نہیں] آداب! میں یہیں ہوں۔ اور بتائیے؟',
  gu: '[ઑફલાઇન ડેમો જવાબ — કોઈ AI પ્રદાતા સેટ નથી] નમસ્તે! હું અહીં જ છું. વધુ કહો?',
  kn: '[ಆಫ್‌ಲೈನ್ ಡೆಮೊ ಉತ್ತರ — AI ಪೂರೈಕೆದಾರರನ್ನು ಹೊಂದಿಸಿಲ್ಲ] ನಮಸ್ಕಾರ! ನಾನು ಇಲ್ಲೇ ಇದ್ದೇನೆ. ಇನ್ನಷ್ಟು ಹೇಳಿ?',
  ml: '[ഓഫ്‌ലൈൻ ഡെമോ മറുപടി — AI ദാതാവ് സജ്ജമാക്കിയിട്ടില്ല] നമസ്കാരം! ഞാൻ ഇവിടെയുണ്ട്. കൂടുതൽ പറയൂ?',
  or: '[ଅଫଲାଇନ ଡେମୋ ଉତ୍ତର — କୌଣସି AI ପ୍ରଦାତା ସେଟ ହୋଇନାହିଁ] ନମସ୍କାର! ମୁଁ ଏଠାରେ ଅଛି। ଆଉ କୁହନ୍ତୁ?',
  pa: '[ਔਫਲਾਈਨ ਡੈਮੋ ਜਵਾਬ — ਕੋਈ AI ਪ੍ਰਦਾਤਾ ਸੈੱਟ ਨਹੀਂ] ਸਤ ਸ੍ਰੀ ਅਕਾਲ! ਮੈਂ ਇੱਥੇ ਹੀ ਹਾਂ। ਹੋਰ ਦੱਸੋ?',
};

const WORD_GAP_MS = 40;

/** Waits between words; a stop ends the wait at once (and the timer's own abort listener goes with it). */
const pause = (ms: number, signal: AbortSignal) => sleep(ms, undefined, { signal }).catch(() => undefined);

export const offlineReply = (language: ReplyLanguage): string => replies[language];

export function offlineModel(): ChatModel {
  return {
    mode: 'offline',
    async *stream({ replyLanguage, signal }): AsyncIterable<StreamPart> {
      const words = offlineReply(replyLanguage).split(/(?<= )/);
      for (const word of words) {
        if (signal.aborted) return;
        yield { delta: word };
        await pause(WORD_GAP_MS, signal);
      }
    },
    async complete({ messages }) {
      const text = messages.filter((message) => message.role !== 'system').map((message) => message.content).join(' ');
      return `[offline summary] ${text.slice(0, 500)}`;
    },
  };
}
