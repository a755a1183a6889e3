import { z } from 'zod';
import { languageCodes } from '../../shared/languages.js';
import { typedName } from './names.schema.js';

export const profilePatchBody = z.strictObject({
  display_name: typedName(80).nullable().optional(),
  preferred_language: z.enum(languageCodes).optional(),
  interests: z.array(z.string().min(1).max(40)).max(30).optional(),
});

export const quotaBlockSchema = z.object({
  daily_limit: z.number().int(),
  used_today: z.number().int().nullable().describe('null while the quota service is not answering'),
  remaining: z.number().int().nullable().describe('null while the quota service is not answering'),
  resets_at: z.string().describe('the next 00:00 Asia/Kolkata'),
});

export const profileSchema = z.object({
  id: z.string(),
  email: z.string().nullable(),
  display_name: z.string().nullable(),
  preferred_language: z.enum(languageCodes),
  interests: z.array(z.string()),
  plan: z.enum(['free', 'pro']),
  plan_expires_at: z.string().nullable(),
  quota: quotaBlockSchema,
  created_at: z.string(),
});

export const exportSchema = z
  .object({
    exported_at: z.string(),
    profile: z.record(z.string(), z.unknown()),
    interests: z.array(z.string()),
    sessions: z.array(z.record(z.string(), z.unknown())),
    character_settings: z.array(z.record(z.string(), z.unknown())),
    conversations: z.array(z.record(z.string(), z.unknown())).describe('each with its `messages`, archived ones included'),
    usage: z.array(z.record(z.string(), z.unknown())),
    subscriptions: z.array(z.record(z.string(), z.unknown())),
    payments: z.array(z.record(z.string(), z.unknown())),
  })
  .describe('Every datum stored about the user (DPDP Act right of access)');
