import { http } from '../helpers/http.js';
import type { TestStack } from '../helpers/stack.js';

const texts = (name: string, language = 'en') => ({
  name,
  tagline: `${name} tagline (${language})`,
  description: `${name} description (${language})`,
  greeting: `${name} greeting (${language})`,
});

/** A valid POST /v1/characters body; `overrides` replace top-level fields. */
export function characterBody(slug: string, overrides: Record<string, unknown> = {}) {
  return {
    slug,
    tier: 'free',
    interests: ['cricket'],
    languages: ['en', 'hi'],
    persona: { system_prompt: `You are ${slug}.`, personality: 'Cheerful' },
    translations: { en: texts(slug), hi: texts(`${slug}-हिंदी`, 'hi') },
    ...overrides,
  };
}

/** Creates a character as `adminToken` and returns its view; fails loudly otherwise. */
export async function createCharacter(stack: TestStack, adminToken: string, body: Record<string, unknown>) {
  const response = await http(stack.url, 'POST', '/v1/characters', { token: adminToken, body });
  if (response.status !== 201) throw new Error(`create failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}
