import { z } from 'zod';
import { slugSchema, textsSchema } from '../../shared/characters/card.js';
import type { CharacterInput } from '../../shared/characters/index.js';
import { languageCodes } from '../../shared/languages.js';
import { typedName } from './names.schema.js';

const languageCode = z.enum(languageCodes);
const interestSlug = z.string().max(40).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'an interest slug');
const tier = z.enum(['free', 'premium']);

const unique = <T extends z.ZodArray>(schema: T) =>
  schema.refine((items: unknown[]) => new Set(items).size === items.length, 'must not repeat an item');

const personaSchema = z.strictObject({
  system_prompt: z.string().trim().min(1).max(20_000),
  personality: z.string().trim().min(1).max(20_000),
  scenario: z.string().max(20_000).optional(),
  example_dialogue: z.string().max(50_000).optional(),
});

const avatarUrl = z.url({ protocol: /^https?$/ }).max(500).nullable();

export const createCharacterBody = z.strictObject({
  slug: slugSchema,
  tier,
  interests: unique(z.array(interestSlug).max(20)),
  languages: unique(z.array(languageCode).min(1)),
  avatar_url: avatarUrl.optional(),
  persona: personaSchema,
  translations: z
    .partialRecord(languageCode, textsSchema)
    .refine((translations) => translations.en !== undefined, { message: 'English (en) is required: it is the fallback', path: ['en'] })
    .transform((translations) => translations as CharacterInput['translations']),
  position: z.number().int().min(0).max(1_000_000).optional(),
});

export const patchCharacterBody = z.strictObject({
  slug: slugSchema.optional(),
  tier: tier.optional(),
  interests: unique(z.array(interestSlug).max(20)).optional(),
  languages: unique(z.array(languageCode).min(1)).optional(),
  avatar_url: avatarUrl.optional(),
  persona: personaSchema.partial().optional(),
  translations: z
    .partialRecord(languageCode, textsSchema.nullable())
    .refine((translations) => translations.en !== null, { message: 'English (en) cannot be removed', path: ['en'] })
    .optional(),
  position: z.number().int().min(0).max(1_000_000).optional(),
});

export const listQuery = z.strictObject({
  language: languageCode.optional().describe('Localises the texts and keeps only characters that speak it'),
  interest: interestSlug.optional(),
  tier: tier.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});

export const viewQuery = z.strictObject({ language: languageCode.optional() });

export const customizationBody = z.strictObject({
  nickname: typedName(40).nullable(),
});

export const matchBody = z.strictObject({ language: languageCode.optional() });

export const importQuery = z.strictObject({ slug: slugSchema.optional(), tier: tier.optional() });

export const characterView = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  display_name: z.string(),
  tagline: z.string(),
  description: z.string(),
  greeting: z.string(),
  avatar_url: z.string(),
  languages: z.array(z.string()),
  interests: z.array(z.string()),
  tier,
  locked: z.boolean(),
});

export const characterPage = z.object({ items: z.array(characterView), next_cursor: z.string().nullable() });
export const matchReply = z.object({ character: characterView, reason: z.string() });
export const avatarReply = z.object({ avatar_url: z.string() });
