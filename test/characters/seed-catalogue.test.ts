import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Character, CharacterTranslation } from '../../shared/db/models/index.js';
import { languageCodes, type LanguageCode } from '../../shared/languages.js';
import { seedCharacters } from '../../shared/seed/characters/index.js';
import { seed } from '../../shared/seed/index.js';
import { interestRows } from '../../shared/seed/interests.js';
import { http } from '../helpers/http.js';
import { startStack, type TestStack } from '../helpers/stack.js';
import { signUp, type TestUser } from '../helpers/users.js';

/** The Unicode blocks each language is written in. */
const scriptRanges: Record<LanguageCode, Array<[number, number]>> = {
  en: [[0x41, 0x5a], [0x61, 0x7a], [0xc0, 0x24f]],
  hi: [[0x900, 0x97f]],
  mr: [[0x900, 0x97f]],
  bn: [[0x980, 0x9ff]],
  pa: [[0xa00, 0xa7f]],
  gu: [[0xa80, 0xaff]],
  or: [[0xb00, 0xb7f]],
  ta: [[0xb80, 0xbff]],
  te: [[0xc00, 0xc7f]],
  kn: [[0xc80, 0xcff]],
  ml: [[0xd00, 0xd7f]],
  ur: [[0x600, 0x6ff], [0x750, 0x77f], [0xfb50, 0xfdff], [0xfe70, 0xfeff]],
};

/** Letters and combining marks outside the language's script (punctuation, digits and emoji are fine). */
function foreignLetters(text: string, language: LanguageCode): string[] {
  return [...text].filter((char) => {
    if (!/[\p{L}\p{M}]/u.test(char)) return false;
    const code = char.codePointAt(0)!;
    return !scriptRanges[language].some(([from, to]) => code >= from && code <= to);
  });
}

const fields = ['name', 'tagline', 'description', 'greeting'] as const;

describe('the seed character catalogue', () => {
  it('has at least 12 characters, 4 premium, distinct slugs and distinct persona voices', () => {
    assert.ok(seedCharacters.length >= 12);
    assert.ok(seedCharacters.filter((character) => character.tier === 'premium').length >= 4);
    assert.equal(new Set(seedCharacters.map((character) => character.slug)).size, seedCharacters.length);
    assert.equal(new Set(seedCharacters.map((character) => character.persona.system_prompt)).size, seedCharacters.length);
    for (const character of seedCharacters) {
      assert.ok(character.persona.system_prompt.length > 200, `${character.slug} has a real persona`);
      assert.ok(character.persona.example_dialogue.includes('{{char}}'), `${character.slug} has example dialogue`);
    }
  });

  it('uses only slugs from the interest catalogue', () => {
    const known = new Set(interestRows.map((row) => row.slug));
    for (const character of seedCharacters) {
      for (const interest of character.interests) assert.ok(known.has(interest), `${character.slug}: unknown interest ${interest}`);
    }
  });

  it('writes all four texts in all 12 languages, each in its own script', () => {
    for (const character of seedCharacters) {
      for (const language of languageCodes) {
        const texts = character.translations[language];
        for (const field of fields) {
          const text = texts[field];
          assert.ok(text.trim().length > 0, `${character.slug}.${language}.${field} is empty`);
          assert.deepEqual(foreignLetters(text, language), [], `${character.slug}.${language}.${field} leaves its script`);
          if (language !== 'en') assert.notEqual(text, character.translations.en[field], `${character.slug}.${language}.${field} is English`);
        }
      }
    }
  });
});

describe('seeding and serving the catalogue', () => {
  let stack: TestStack;
  let user: TestUser;

  before(async () => {
    stack = await startStack({ pools: [] });
    await seed(stack.infra.sequelize, stack.infra.log);
    await seed(stack.infra.sequelize, stack.infra.log);
    user = await signUp(stack, { plan: 'free' });
  });
  after(() => stack.close());

  it('is idempotent', async () => {
    assert.equal(await Character.count(), seedCharacters.length);
    assert.equal(await CharacterTranslation.count(), seedCharacters.length * languageCodes.length);
  });

  it('serves every language in its script, premium ones locked for a free user', async () => {
    for (const language of languageCodes) {
      const response = await http(stack.url, 'GET', `/v1/characters?language=${language}&limit=100`, { token: user.token });
      assert.equal(response.status, 200);
      assert.equal(response.body.items.length, seedCharacters.length);
      for (const item of response.body.items) {
        for (const field of fields) assert.deepEqual(foreignLetters(item[field], language), [], `${item.slug}.${language}.${field}`);
        assert.equal(item.locked, item.tier === 'premium');
      }
    }
  });

  it('serves a distinct, real SVG avatar for every character without a token', async () => {
    const list = await http(stack.url, 'GET', '/v1/characters?limit=100', { token: user.token });
    const images = new Set<string>();
    for (const item of list.body.items) {
      const response = await fetch(item.avatar_url);
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^image\/svg\+xml/);
      const svg = await response.text();
      assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      assert.match(svg, /<\/svg>$/);
      images.add(svg);
    }
    assert.equal(images.size, list.body.items.length);
  });
});
