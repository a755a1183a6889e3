import type { ReplyLanguage } from './script.js';

/**
 * Phrases that signal self-harm or a crisis, per language (and Hinglish). Matching is on the
 * lower-cased text; Indic phrases are stems so inflections still match.
 */
const crisisPhrases: Record<ReplyLanguage, string[]> = {
  en: ['suicide', 'suicidal', 'kill myself', 'end my life', 'want to die', 'self harm', 'self-harm', 'cut myself',
    'hurt myself', 'no reason to live', 'better off dead', 'take my own life'],
  'hi-Latn': ['khudkushi', 'khud khushi', 'aatmahatya', 'atmahatya', 'marna chahta', 'marna chahti', 'mar jana chahta',
    'mar jaana chahta', 'mar jana chahti', 'mar jaana chahti', 'jaan de dunga', 'jaan de dungi', 'jeena nahi chahta',
    'jeena nahi chahti', 'khud ko maar', 'suicide'],
  hi: ['आत्महत्या', 'ख़ुदकुशी', 'खुदकुशी', 'मरना चाहता', 'मरना चाहती', 'जान दे दूँ', 'जान दे दूं', 'खुद को मार',
    'जीना नहीं चाहता', 'जीना नहीं चाहती'],
  mr: ['आत्महत्या', 'मरायचं आहे', 'मरायचे आहे', 'जीव द्यायचा', 'जगायचं नाही'],
  bn: ['আত্মহত্যা', 'মরতে চাই', 'বাঁচতে চাই না', 'নিজেকে শেষ'],
  te: ['ఆత్మహత్య', 'చనిపోవాలని', 'చావాలని', 'బ్రతకాలని లేదు'],
  ta: ['தற்கொலை', 'சாக வேண்டும்', 'சாகணும்', 'வாழ விருப்பமில்லை'],
  ur: ['خودکشی', 'مرنا چاہتا', 'مرنا چاہتی', 'جینا نہیں چاہتا', 'جینا نہیں چاہتی'],
  gu: ['આત્મહત્યા', 'મરી જવું છે', 'મરવું છે', 'જીવવું નથી'],
  kn: ['ಆತ್ಮಹತ್ಯೆ', 'ಸಾಯಬೇಕು', 'ಸಾಯಲು ಬಯಸುತ್ತೇನೆ', 'ಬದುಕಲು ಇಷ್ಟವಿಲ್ಲ'],
  ml: ['ആത്മഹത്യ', 'മരിക്കണം', 'മരിക്കാൻ തോന്നുന്നു', 'ജീവിക്കാൻ ആഗ്രഹമില്ല'],
  or: ['ଆତ୍ମହତ୍ୟା', 'ମରିବାକୁ ଚାହେଁ', 'ବଞ୍ଚିବାକୁ ଚାହେଁନି'],
  pa: ['ਖੁਦਕੁਸ਼ੀ', 'ਖ਼ੁਦਕੁਸ਼ੀ', 'ਆਤਮ ਹੱਤਿਆ', 'ਆਤਮਹੱਤਿਆ', 'ਮਰਨਾ ਚਾਹੁੰਦਾ', 'ਮਰਨਾ ਚਾਹੁੰਦੀ'],
};

const allPhrases = [...new Set(Object.values(crisisPhrases).flat())];

/** True when a message signals self-harm or a crisis, whatever language it is in. */
export const signalsCrisis = (text: string): boolean => {
  const normalised = text.toLowerCase().normalize('NFC').replace(/\s+/g, ' ');
  return allPhrases.some((phrase) => normalised.includes(phrase));
};

export const HELPLINE_NUMBERS = ['14416', '1-800-891-4416'] as const;

/** India's Tele-MANAS mental health helpline, said with care in each reply language. */
export const helplineLine: Record<ReplyLanguage, string> = {
  en: 'You are not alone. Please call Tele-MANAS, free and 24x7: 14416 or 1-800-891-4416.',
  'hi-Latn': 'Aap akele nahi ho. Please Tele-MANAS ko call karo, free aur 24x7: 14416 ya 1-800-891-4416.',
  hi: 'आप अकेले नहीं हैं। कृपया टेली-मानस को कॉल करें, मुफ़्त और 24x7: 14416 या 1-800-891-4416।',
  mr: 'तुम्ही एकटे नाही. कृपया टेली-मानसला कॉल करा, मोफत आणि 24x7: 14416 किंवा 1-800-891-4416.',
  bn: 'আপনি একা নন। অনুগ্রহ করে টেলি-মানসে ফোন করুন, বিনামূল্যে ও ২৪x৭: 14416 অথবা 1-800-891-4416।',
  te: 'మీరు ఒంటరి కాదు. దయచేసి టెలి-మానస్‌కు కాల్ చేయండి, ఉచితం, 24x7: 14416 లేదా 1-800-891-4416.',
  ta: 'நீங்கள் தனியாக இல்லை. தயவுசெய்து டெலி-மானஸை அழையுங்கள், இலவசம், 24x7: 14416 அல்லது 1-800-891-4416.',
  ur: 'آپ اکیلے نہیں ہیں۔ براہ کرم ٹیلی مانس کو کال کریں، مفت اور 24x7: 14416 یا 1-800-891-4416۔',
  gu: 'તમે એકલા નથી. કૃપા કરીને ટેલિ-માનસને કૉલ કરો, મફત અને 24x7: 14416 અથવા 1-800-891-4416.',
  kn: 'ನೀವು ಒಬ್ಬಂಟಿಯಲ್ಲ. ದಯವಿಟ್ಟು ಟೆಲಿ-ಮಾನಸ್‌ಗೆ ಕರೆ ಮಾಡಿ, ಉಚಿತ, 24x7: 14416 ಅಥವಾ 1-800-891-4416.',
  ml: 'നിങ്ങൾ ഒറ്റയ്ക്കല്ല. ദയവായി ടെലി-മാനസിനെ വിളിക്കൂ, സൗജന്യം, 24x7: 14416 അല്ലെങ്കിൽ 1-800-891-4416.',
  or: 'ଆପଣ ଏକା ନୁହଁନ୍ତି। ଦୟାକରି ଟେଲି-ମାନସକୁ କଲ କରନ୍ତୁ, ମାଗଣା ଓ 24x7: 14416 କିମ୍ବା 1-800-891-4416।',
  pa: 'ਤੁਸੀਂ ਇਕੱਲੇ ਨਹੀਂ ਹੋ। ਕਿਰਪਾ ਕਰਕੇ ਟੈਲੀ-ਮਾਨਸ ਨੂੰ ਕਾਲ ਕਰੋ, ਮੁਫ਼ਤ ਅਤੇ 24x7: 14416 ਜਾਂ 1-800-891-4416।',
};

/** Whether a reply already gives the helpline; if not, the worker appends `helplineLine`. */
export const mentionsHelpline = (reply: string): boolean => HELPLINE_NUMBERS.some((number) => reply.includes(number));

export const SAFETY_RULE =
  'Safety: never produce sexual or explicit content, and steer away from it kindly. Never claim to be a human; ' +
  'if asked, say you are an AI companion. Do not give medical, legal or financial instructions as facts. ' +
  'If the user mentions self-harm, suicide or a crisis, respond with warmth, take it seriously, encourage them ' +
  'to reach out to someone they trust, and give India\'s Tele-MANAS helpline: 14416 or 1-800-891-4416.';

export const CRISIS_INSTRUCTION =
  'The user\'s last message signals a possible crisis. Put their safety first: answer with care in their ' +
  'language, do not role-play around it, and include the Tele-MANAS helpline (14416 or 1-800-891-4416).';
