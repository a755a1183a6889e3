/** English plus the 11 Indian languages Saathi speaks (API.md, "Profile, languages, interests"). */
export const languages = [
  { code: 'en', name: 'English', native_name: 'English', script: 'Latin' },
  { code: 'hi', name: 'Hindi', native_name: 'हिन्दी', script: 'Devanagari' },
  { code: 'bn', name: 'Bengali', native_name: 'বাংলা', script: 'Bengali' },
  { code: 'te', name: 'Telugu', native_name: 'తెలుగు', script: 'Telugu' },
  { code: 'mr', name: 'Marathi', native_name: 'मराठी', script: 'Devanagari' },
  { code: 'ta', name: 'Tamil', native_name: 'தமிழ்', script: 'Tamil' },
  { code: 'ur', name: 'Urdu', native_name: 'اردو', script: 'Perso-Arabic' },
  { code: 'gu', name: 'Gujarati', native_name: 'ગુજરાતી', script: 'Gujarati' },
  { code: 'kn', name: 'Kannada', native_name: 'ಕನ್ನಡ', script: 'Kannada' },
  { code: 'ml', name: 'Malayalam', native_name: 'മലയാളം', script: 'Malayalam' },
  { code: 'or', name: 'Odia', native_name: 'ଓଡ଼ିଆ', script: 'Odia' },
  { code: 'pa', name: 'Punjabi', native_name: 'ਪੰਜਾਬੀ', script: 'Gurmukhi' },
] as const;

export type LanguageCode = (typeof languages)[number]['code'];

export const languageCodes = languages.map((language) => language.code) as [LanguageCode, ...LanguageCode[]];

export const isLanguageCode = (value: unknown): value is LanguageCode =>
  typeof value === 'string' && (languageCodes as string[]).includes(value);
