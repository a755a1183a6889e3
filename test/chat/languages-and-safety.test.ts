import assert from 'node:assert/strict';
import { test } from 'node:test';
import { languageCodes } from '../../shared/languages.js';
import { helplineLine, signalsCrisis } from '../../shared/prompt/safety.js';
import { detectReplyLanguage, dominantScript, isHinglish } from '../../shared/prompt/script.js';

const samples = [
  ['Devanagari', 'hi', 'आज मौसम बहुत अच्छा है'],
  ['Bengali', 'bn', 'আজ আবহাওয়া খুব ভালো'],
  ['Gurmukhi', 'pa', 'ਅੱਜ ਮੌਸਮ ਬਹੁਤ ਵਧੀਆ ਹੈ'],
  ['Gujarati', 'gu', 'આજે હવામાન ખૂબ સરસ છે'],
  ['Odia', 'or', 'ଆଜି ପାଣିପାଗ ବହୁତ ଭଲ'],
  ['Tamil', 'ta', 'இன்று வானிலை மிகவும் நன்றாக உள்ளது'],
  ['Telugu', 'te', 'ఈరోజు వాతావరణం చాలా బాగుంది'],
  ['Kannada', 'kn', 'ಇಂದು ಹವಾಮಾನ ತುಂಬಾ ಚೆನ್ನಾಗಿದೆ'],
  ['Malayalam', 'ml', 'ഇന്ന് കാലാവസ്ഥ വളരെ നല്ലതാണ്'],
  ['Perso-Arabic', 'ur', 'آج موسم بہت اچھا ہے'],
  ['Latin', 'en', 'The weather is lovely today'],
] as const;

for (const [script, language, text] of samples) {
  test(`${script} is detected and answered in ${language}`, () => {
    assert.equal(dominantScript(text), script);
    assert.equal(detectReplyLanguage(text, 'ta'), language);
  });
}

test('Devanagari keeps Marathi in a Marathi conversation', () => {
  assert.equal(detectReplyLanguage('आज हवामान खूप छान आहे', 'mr'), 'mr');
});

test('Devanagari is told apart as Marathi or Hindi by its words, and keeps the conversation\'s when they do not tell', () => {
  for (const conversation of ['en', 'hi', 'ta'] as const) {
    assert.equal(detectReplyLanguage('नमस्कार, तू कसा आहेस?', conversation), 'mr');
    assert.equal(detectReplyLanguage('मला आज खूप कंटाळा आला आहे', conversation), 'mr');
  }
  assert.equal(detectReplyLanguage('तुम कैसे हो? मुझे बहुत नींद आ रही है', 'mr'), 'hi', 'a Marathi conversation answered in the Hindi the user wrote');
  assert.equal(detectReplyLanguage('नमस्ते', 'mr'), 'mr');
  assert.equal(detectReplyLanguage('नमस्ते', 'en'), 'hi');
});

test('romanised Hindi is Hinglish, English stays English, and no letters keep the conversation language', () => {
  for (const text of ['kya haal hai yaar', 'main theek hoon, tum batao', 'aaj bahut thak gayi', 'acha']) {
    assert.ok(isHinglish(text), text);
    assert.equal(detectReplyLanguage(text, 'en'), 'hi-Latn');
  }
  for (const text of ['How was your day?', 'I am going to the market', 'Main street is busy']) {
    assert.equal(isHinglish(text), false, text);
    assert.equal(detectReplyLanguage(text, 'hi'), 'en');
  }
  assert.equal(detectReplyLanguage('👍🙂 123', 'kn'), 'kn');
});

test('crisis signals are caught in all 12 languages and Hinglish', () => {
  const signals = [
    'I want to kill myself', 'mujhe lagta hai main marna chahta hoon', 'मैं आत्महत्या के बारे में सोच रहा हूँ',
    'मला मरायचं आहे', 'আমি মরতে চাই', 'నాకు చనిపోవాలని ఉంది', 'எனக்கு தற்கொலை எண்ணம் வருகிறது', 'میں خودکشی کرنا چاہتا ہوں',
    'મને મરી જવું છે', 'ನನಗೆ ಸಾಯಬೇಕು ಅನಿಸುತ್ತಿದೆ', 'എനിക്ക് മരിക്കണം', 'ମୁଁ ମରିବାକୁ ଚାହେଁ', 'ਮੈਂ ਮਰਨਾ ਚਾਹੁੰਦਾ ਹਾਂ',
  ];
  for (const text of signals) assert.ok(signalsCrisis(text), text);
  for (const text of ['I love this song', 'aaj ka match kaisa tha', 'நான் நன்றாக இருக்கிறேன்', 'यह फ़िल्म बहुत अच्छी थी']) {
    assert.equal(signalsCrisis(text), false, text);
  }
});

test('the Tele-MANAS helpline is said in every reply language', () => {
  for (const language of [...languageCodes, 'hi-Latn'] as const) {
    assert.match(helplineLine[language], /14416/);
    assert.match(helplineLine[language], /1-800-891-4416/);
  }
});
