import { ace } from './ace-gaming-teammate.js';
import { anand } from './acharya-anand-spiritual-guide.js';
import { ananya } from './ananya-study-partner.js';
import { arjun } from './arjun-cricket-buddy.js';
import { simran } from './coach-simran-fitness.js';
import { ishaan } from './ishaan-travel-storyteller.js';
import { kabir } from './kabir-bollywood-buff.js';
import { meera } from './meera-best-friend.js';
import { rasika } from './rasika-regional-foodie.js';
import { rocky } from './rocky-hinglish-college-friend.js';
import { tara } from './tara-wellness-listener.js';
import type { SeedCharacter } from './types.js';
import { vikram } from './vikram-career-mentor.js';

/** The launch catalogue, in display order. */
export const seedCharacters: SeedCharacter[] = [meera, arjun, kabir, ananya, vikram, tara, rasika, ishaan, rocky, anand, simran, ace];

export type { SeedCharacter };
