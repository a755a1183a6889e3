import type { Persona } from '../db/models/index.js';
import type { LanguageCode } from '../languages.js';

export type Tier = 'free' | 'premium';

/** The four user-facing texts a character has per language. */
export interface CharacterTexts {
  name: string;
  tagline: string;
  description: string;
  greeting: string;
}

/**
 * A character as the catalogue caches it: every language's texts and the persona, ready to be
 * localised per viewer. Plain data, so it travels through Redis as JSON.
 */
export interface CharacterRecord {
  id: string;
  slug: string;
  tier: Tier;
  interests: string[];
  languages: string[];
  /** An operator-set image; null means the generated SVG avatar. */
  avatar_url: string | null;
  persona: Persona;
  position: number;
  /** ISO-8601; set once the character is soft-deleted. */
  deleted_at: string | null;
  created_at: string;
  updated_at: string;
  /** Always holds `en`, the fallback. */
  translations: Partial<Record<LanguageCode, CharacterTexts>> & { en: CharacterTexts };
}

/** The API.md character view. */
export interface CharacterView {
  id: string;
  slug: string;
  name: string;
  display_name: string;
  tagline: string;
  description: string;
  greeting: string;
  avatar_url: string;
  languages: string[];
  interests: string[];
  tier: Tier;
  locked: boolean;
}

/** What an admin sends to create a character (API.md POST /v1/characters). */
export interface CharacterInput {
  slug: string;
  tier: Tier;
  interests: string[];
  languages: string[];
  avatar_url?: string | null;
  persona: Persona;
  translations: Partial<Record<LanguageCode, CharacterTexts>> & { en: CharacterTexts };
  position?: number;
}

/** A partial update; a translation set to null is removed (never `en`). */
export interface CharacterPatch {
  slug?: string;
  tier?: Tier;
  interests?: string[];
  languages?: string[];
  avatar_url?: string | null;
  persona?: Partial<Persona>;
  translations?: Partial<Record<LanguageCode, CharacterTexts | null>>;
  position?: number;
}
