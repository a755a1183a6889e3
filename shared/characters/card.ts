import { z } from 'zod';
import type { Persona } from '../db/models/index.js';
import { Interest } from '../db/models/index.js';
import { AppError } from '../errors.js';
import { languageCodes } from '../languages.js';
import type { CharacterInput, CharacterRecord, CharacterTexts, Tier } from './types.js';

/**
 * SillyTavern's Character Card V2 (`spec: "chara_card_v2"`). Saathi's own fields (slug, tier,
 * interests, languages, the other languages' texts) travel in `data.extensions.saathi`; every other
 * extension key and any `data` field Saathi does not know is kept verbatim.
 */
const text = (max: number) => z.string().max(max);

export const textsSchema = z.strictObject({
  name: z.string().trim().min(1).max(120),
  tagline: z.string().trim().min(1).max(300),
  description: z.string().trim().min(1).max(4000),
  greeting: z.string().trim().min(1).max(4000),
});

export const slugSchema = z.string().min(2).max(60).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lowercase letters, digits and single hyphens');

const saathiExtension = z.strictObject({
  slug: slugSchema.optional(),
  tier: z.enum(['free', 'premium']).optional(),
  interests: z.array(slugSchema.max(40)).max(20).optional(),
  languages: z.array(z.enum(languageCodes)).min(1).optional(),
  tagline: z.string().trim().min(1).max(300).optional(),
  avatar_url: z.url().nullable().optional(),
  translations: z.partialRecord(z.enum(languageCodes), textsSchema).optional(),
});

const cardData = z
  .object({
    name: z.string().trim().min(1).max(120),
    description: text(20_000).default(''),
    personality: text(20_000).default(''),
    scenario: text(20_000).default(''),
    first_mes: z.string().trim().min(1, 'a card needs a first message').max(20_000),
    mes_example: text(50_000).default(''),
    creator_notes: text(20_000).optional(),
    system_prompt: text(20_000).default(''),
    post_history_instructions: text(20_000).default(''),
    alternate_greetings: z.array(text(20_000)).max(50).default([]),
    character_book: z.unknown().optional(),
    tags: z.array(text(100)).max(100).default([]),
    creator: text(200).default(''),
    character_version: text(100).default(''),
    extensions: z.record(z.string(), z.unknown()).default({}),
  })
  .catchall(z.unknown());

/** Top-level V1 duplicates that SillyTavern writes beside `data` are ignored; `data` is the card. */
export const characterCardSchema = z.object({
  spec: z.literal('chara_card_v2'),
  spec_version: z.string().max(10).optional(),
  data: cardData,
});

export type CharacterCard = z.output<typeof characterCardSchema>;
type CardData = CharacterCard['data'];

const knownDataKeys = new Set(Object.keys(cardData.shape));

const firstSentence = (value: string, max = 140): string => {
  const sentence = value.trim().split(/(?<=[.!?।])\s/)[0] ?? '';
  return sentence.length > max ? `${sentence.slice(0, max - 1).trimEnd()}…` : sentence;
};

const slugify = (name: string): string =>
  name.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60).replace(/-+$/, '');

async function interestsFromTags(tags: string[]): Promise<string[]> {
  const candidates = [...new Set(tags.map(slugify).filter(Boolean))];
  if (candidates.length === 0) return [];
  const known = await Interest.findAll({ where: { slug: candidates }, attributes: ['slug'] });
  return known.map((row) => row.slug);
}

function parseSaathi(value: unknown): z.output<typeof saathiExtension> {
  const parsed = saathiExtension.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new AppError('validation_failed', 'The card\'s Saathi extension is invalid', {
    issues: parsed.error.issues.map((issue) => ({ path: ['data', 'extensions', 'saathi', ...issue.path].join('.'), message: issue.message })),
  });
}

export interface ImportOptions {
  slug?: string;
  tier?: Tier;
}

/** Turns a card into a character to create (422 for a malformed Saathi extension). */
export async function characterFromCard(card: CharacterCard, options: ImportOptions): Promise<CharacterInput> {
  const data: CardData = card.data;
  const { saathi: rawSaathi, ...extensions } = data.extensions;
  const saathi = rawSaathi === undefined ? {} : parseSaathi(rawSaathi);
  const cardFields = Object.fromEntries(Object.entries(data).filter(([key]) => !knownDataKeys.has(key)));
  const persona: Persona = {
    system_prompt: data.system_prompt,
    personality: data.personality,
    scenario: data.scenario,
    example_dialogue: data.mes_example,
    post_history_instructions: data.post_history_instructions,
    alternate_greetings: data.alternate_greetings,
    tags: data.tags,
    creator: data.creator,
    character_version: data.character_version,
    extensions,
    ...(data.creator_notes !== undefined ? { creator_notes: data.creator_notes } : {}),
    ...(data.character_book !== undefined ? { character_book: data.character_book } : {}),
    ...(Object.keys(cardFields).length > 0 ? { card_fields: cardFields } : {}),
  };
  const en: CharacterTexts = {
    name: data.name,
    tagline: saathi.tagline ?? (firstSentence(data.creator_notes || data.description || data.name) || data.name),
    description: data.description || data.name,
    greeting: data.first_mes,
  };
  return {
    slug: options.slug ?? saathi.slug ?? (slugify(data.name) || 'imported-character'),
    tier: options.tier ?? saathi.tier ?? 'free',
    interests: saathi.interests ?? (await interestsFromTags(data.tags)),
    languages: saathi.languages ?? ['en'],
    avatar_url: saathi.avatar_url ?? null,
    persona,
    translations: { ...saathi.translations, en },
  };
}

/** The card of a character: English texts in the V2 fields, the rest under `extensions.saathi`. */
export function cardFromCharacter(record: CharacterRecord): CharacterCard {
  const { persona } = record;
  const { en, ...others } = record.translations;
  return {
    spec: 'chara_card_v2',
    spec_version: '2.0',
    data: {
      name: en.name,
      description: en.description,
      personality: persona.personality,
      scenario: persona.scenario ?? '',
      first_mes: en.greeting,
      mes_example: persona.example_dialogue ?? '',
      creator_notes: persona.creator_notes ?? '',
      system_prompt: persona.system_prompt,
      post_history_instructions: persona.post_history_instructions ?? '',
      alternate_greetings: persona.alternate_greetings ?? [],
      ...(persona.character_book !== undefined ? { character_book: persona.character_book } : {}),
      tags: persona.tags ?? [],
      creator: persona.creator ?? '',
      character_version: persona.character_version ?? '',
      extensions: {
        ...persona.extensions,
        saathi: {
          slug: record.slug,
          tier: record.tier,
          interests: record.interests,
          languages: record.languages,
          tagline: en.tagline,
          avatar_url: record.avatar_url,
          translations: others,
        },
      },
      ...persona.card_fields,
    },
  };
}
