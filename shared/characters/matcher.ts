import { Interest, User, UserInterest } from '../db/models/index.js';
import { AppError } from '../errors.js';
import type { Infra } from '../infra.js';
import { languages, type LanguageCode } from '../languages.js';
import type { CharacterRecord } from './types.js';

/** Each shared interest counts this much more than none; a character that cannot speak the language counts this little. */
const INTEREST_WEIGHT = 4;
const OTHER_LANGUAGE_FACTOR = 0.2;

export interface MatchCandidate {
  record: CharacterRecord;
  shared: string[];
  speaks: boolean;
  weight: number;
}

export function weighCandidates(records: CharacterRecord[], interests: Set<string>, language: string): MatchCandidate[] {
  return records.map((record) => {
    const shared = record.interests.filter((interest) => interests.has(interest));
    const speaks = record.languages.includes(language);
    return { record, shared, speaks, weight: (1 + INTEREST_WEIGHT * shared.length) * (speaks ? 1 : OTHER_LANGUAGE_FACTOR) };
  });
}

/**
 * A weighted random pick that never repeats the previous match while there is anyone else to pick.
 * `random` returns [0, 1), like Math.random.
 */
export function pickMatch(candidates: MatchCandidate[], previousId: string | null, random: () => number = Math.random): MatchCandidate | null {
  const pool = candidates.length > 1 ? candidates.filter((candidate) => candidate.record.id !== previousId) : candidates;
  const total = pool.reduce((sum, candidate) => sum + candidate.weight, 0);
  let ticket = random() * total;
  for (const candidate of pool) {
    ticket -= candidate.weight;
    if (ticket < 0) return candidate;
  }
  return pool[pool.length - 1] ?? null;
}

/** The reason is an English sentence, so the interests in it are named in English too. */
async function interestNames(slugs: string[]): Promise<string[]> {
  if (slugs.length === 0) return [];
  const rows = await Interest.findAll({ where: { slug: slugs } });
  const names = new Map(rows.map((row) => [row.slug, row.names?.en ?? row.slug]));
  return slugs.map((slug) => names.get(slug) ?? slug.replace(/-/g, ' '));
}

async function reasonFor(match: MatchCandidate, language: string): Promise<string> {
  const languageName = languages.find((entry) => entry.code === language)?.name ?? language;
  const shared = await interestNames(match.shared);
  const interestPart = shared.length > 0 ? `You both love ${shared.join(', ')}` : 'Someone new to broaden your world';
  return match.speaks ? `${interestPart}, and they chat in ${languageName}.` : `${interestPart}.`;
}

/** The Pro random matcher: weighted by the user's interests and language; remembers the pick. */
export async function matchCharacter(
  infra: Infra,
  records: CharacterRecord[],
  userId: string,
  requestedLanguage?: LanguageCode,
): Promise<{ record: CharacterRecord; reason: string }> {
  const [user, interestRows] = await Promise.all([
    User.findByPk(userId, { attributes: ['id', 'preferred_language', 'last_matched_character_id'] }),
    UserInterest.findAll({ where: { user_id: userId } }),
  ]);
  const language = requestedLanguage ?? user?.preferred_language ?? 'en';
  const candidates = weighCandidates(records, new Set(interestRows.map((row) => row.interest_slug)), language);
  const match = pickMatch(candidates, user?.last_matched_character_id ?? null);
  if (!match) throw new AppError('not_found', 'There is no character to match with yet');
  await User.update({ last_matched_character_id: match.record.id }, { where: { id: userId } });
  infra.log.debug({ user_id: userId, character_id: match.record.id, weight: match.weight }, 'matched');
  return { record: match.record, reason: await reasonFor(match, language) };
}
