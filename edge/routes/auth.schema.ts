import { z } from 'zod';
import { typedName } from './names.schema.js';

const email = z.email().max(320);
const password = z.string().min(8, 'at least 8 characters').max(200);

export const signupBody = z.strictObject({
  email,
  password,
  display_name: typedName(80).optional(),
  age_confirmed: z.literal(true, 'Saathi is for adults (18+) only: age_confirmed must be true'),
});

export const loginBody = z.strictObject({ email, password: z.string().min(1).max(200) });

export const refreshBody = z.strictObject({ refresh_token: z.string().min(1).max(4096) });

export const sessionSchema = z.object({
  access_token: z.string(),
  token_type: z.literal('bearer'),
  expires_in: z.number().int(),
  expires_at: z.number().int().describe('unix seconds'),
  refresh_token: z.string(),
  user: z.object({ id: z.string(), email: z.string().nullable() }),
});

export const deviceSchema = z.object({
  id: z.string(),
  user_agent: z.string().nullable(),
  ip: z.string().nullable(),
  created_at: z.string(),
  last_seen_at: z.string(),
  expires_at: z.string(),
  current: z.boolean().describe('true for the session of the token making this request'),
});

export const deviceListSchema = z.object({ items: z.array(deviceSchema) });
