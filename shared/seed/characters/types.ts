import type { AvatarLook } from '../../characters/avatar-svg.js';
import type { CharacterTexts, Tier } from '../../characters/types.js';
import type { LanguageCode } from '../../languages.js';

/** One character of the seed catalogue: every language is required, so a missing text fails to compile. */
export interface SeedCharacter {
  slug: string;
  tier: Tier;
  position: number;
  interests: string[];
  look: AvatarLook;
  persona: {
    system_prompt: string;
    personality: string;
    scenario: string;
    example_dialogue: string;
  };
  translations: Record<LanguageCode, CharacterTexts>;
}
