import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { http } from '../helpers/http.js';
import { startStack, type TestStack } from '../helpers/stack.js';
import { signUp, type TestUser } from '../helpers/users.js';
import { characterBody, createCharacter } from './helpers.js';

describe('listing characters', () => {
  let stack: TestStack;
  let admin: TestUser;
  let free: TestUser;
  let pro: TestUser;
  let tamilUser: TestUser;

  before(async () => {
    stack = await startStack({ pools: [] });
    admin = await signUp(stack, { admin: true });
    free = await signUp(stack);
    pro = await signUp(stack, { plan: 'pro' });
    tamilUser = await signUp(stack, { language: 'ta' });
    for (let index = 0; index < 9; index += 1) {
      await createCharacter(stack, admin.token, characterBody(`friend-${index}`, {
        tier: index % 3 === 0 ? 'premium' : 'free',
        interests: index % 2 === 0 ? ['cricket', 'music'] : ['books'],
        languages: index < 6 ? ['en', 'hi'] : ['en', 'ta'],
        position: index < 4 ? 5 : index,
      }));
    }
  });
  after(() => stack.close());

  it('needs a token', async () => {
    const response = await http(stack.url, 'GET', '/v1/characters');
    assert.equal(response.status, 401);
    assert.equal(response.body.error.code, 'unauthorized');
  });

  it('walks every page without duplicates or gaps, even when characters share a position', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const response = await http(stack.url, 'GET', `/v1/characters?limit=2${query}`, { token: free.token });
      assert.equal(response.status, 200);
      assert.ok(response.body.items.length <= 2);
      seen.push(...response.body.items.map((item: { slug: string }) => item.slug));
      cursor = response.body.next_cursor;
      pages += 1;
    } while (cursor && pages < 20);
    assert.equal(seen.length, 9);
    assert.equal(new Set(seen).size, 9);
    const all = await http(stack.url, 'GET', '/v1/characters?limit=100', { token: free.token });
    assert.deepEqual(seen, all.body.items.map((item: { slug: string }) => item.slug));
    assert.equal(all.body.next_cursor, null);
  });

  it('keeps its place when a character is added mid-walk', async () => {
    const first = await http(stack.url, 'GET', '/v1/characters?limit=3', { token: free.token });
    await createCharacter(stack, admin.token, characterBody('late-arrival', { position: 0 }));
    const second = await http(stack.url, 'GET', `/v1/characters?limit=100&cursor=${first.body.next_cursor}`, { token: free.token });
    const slugs = [...first.body.items, ...second.body.items].map((item: { slug: string }) => item.slug);
    assert.equal(new Set(slugs).size, slugs.length);
    assert.ok(!slugs.includes('late-arrival'), 'an item before the cursor is not replayed');
    assert.equal(slugs.length, 9);
  });

  it('filters by tier, interest and language', async () => {
    const premium = await http(stack.url, 'GET', '/v1/characters?tier=premium&limit=100', { token: free.token });
    assert.deepEqual(premium.body.items.map((item: { slug: string }) => item.slug).sort(), ['friend-0', 'friend-3', 'friend-6']);
    const books = await http(stack.url, 'GET', '/v1/characters?interest=books&limit=100', { token: free.token });
    assert.ok(books.body.items.length === 4 && books.body.items.every((item: { interests: string[] }) => item.interests.includes('books')));
    const tamil = await http(stack.url, 'GET', '/v1/characters?language=ta&limit=100', { token: free.token });
    assert.deepEqual(tamil.body.items.map((item: { slug: string }) => item.slug).sort(), ['friend-6', 'friend-7', 'friend-8']);
  });

  it('locks premium characters for free users only', async () => {
    const forFree = await http(stack.url, 'GET', '/v1/characters?tier=premium', { token: free.token });
    assert.ok(forFree.body.items.every((item: { locked: boolean }) => item.locked));
    const forPro = await http(stack.url, 'GET', '/v1/characters?tier=premium', { token: pro.token });
    assert.ok(forPro.body.items.every((item: { locked: boolean }) => !item.locked));
    const freeOnes = await http(stack.url, 'GET', '/v1/characters?tier=free', { token: free.token });
    assert.ok(freeOnes.body.items.every((item: { locked: boolean }) => !item.locked));
  });

  it('localises to ?language=, else the preferred language, falling back to English', async () => {
    const hindi = await http(stack.url, 'GET', '/v1/characters?language=hi&limit=100', { token: free.token });
    const inHindi = hindi.body.items.find((item: { slug: string }) => item.slug === 'friend-0');
    assert.equal(inHindi.name, 'friend-0-हिंदी');
    assert.equal(inHindi.greeting, 'friend-0-हिंदी greeting (hi)');
    const preferred = await http(stack.url, 'GET', '/v1/characters?limit=100', { token: tamilUser.token });
    const friendZero = preferred.body.items.find((item: { slug: string }) => item.slug === 'friend-0');
    assert.equal(friendZero.name, 'friend-0', 'no Tamil text: English');
    const single = await http(stack.url, 'GET', `/v1/characters/${friendZero.id}?language=hi`, { token: tamilUser.token });
    assert.equal(single.body.name, 'friend-0-हिंदी');
    const fallback = await http(stack.url, 'GET', `/v1/characters/${friendZero.id}?language=bn`, { token: tamilUser.token });
    assert.equal(fallback.body.tagline, 'friend-0 tagline (en)');
  });

  it('rejects bad query values with 422', async () => {
    for (const query of ['limit=0', 'limit=101', 'tier=gold', 'language=xx', 'cursor=not-a-cursor', 'interest=Bad Slug']) {
      const response = await http(stack.url, 'GET', `/v1/characters?${query}`, { token: free.token });
      assert.equal(response.status, 422, query);
      assert.equal(response.body.error.code, 'validation_failed', query);
    }
    const missing = await http(stack.url, 'GET', '/v1/characters/nope', { token: free.token });
    assert.equal(missing.status, 404);
    const unknown = await http(stack.url, 'GET', '/v1/characters?page=2', { token: free.token });
    assert.equal(unknown.status, 422, 'an unknown parameter is refused, not ignored');
  });

  it('reads an empty parameter as unset, as API.md writes its templates', async () => {
    const templated = await http(stack.url, 'GET', '/v1/characters?language=&interest=&tier=&limit=&cursor=', { token: free.token });
    const plain = await http(stack.url, 'GET', '/v1/characters', { token: free.token });
    assert.equal(templated.status, 200, JSON.stringify(templated.body));
    assert.deepEqual(templated.body, plain.body);
    const interests = await http(stack.url, 'GET', '/v1/interests?language=');
    assert.equal(interests.status, 200);
    assert.deepEqual(interests.body, (await http(stack.url, 'GET', '/v1/interests?language=en')).body);
  });

  it('publishes every character route in /openapi.json', async () => {
    const spec = await http(stack.url, 'GET', '/openapi.json');
    assert.equal(spec.status, 200);
    for (const path of ['/v1/characters', '/v1/characters/{id}', '/v1/characters/{id}/customization', '/v1/characters/{id}/avatar',
      '/v1/characters/match', '/v1/characters/import', '/v1/characters/{id}/card', '/v1/media/characters/{file}']) {
      assert.ok(spec.body.paths[path], path);
    }
    assert.ok(spec.body.paths['/v1/characters'].post.requestBody);
  });

  it('answers 304 to a matching If-None-Match and a new ETag once something changes', async () => {
    const first = await http(stack.url, 'GET', '/v1/characters?limit=5', { token: free.token });
    const etag = first.headers.get('etag');
    assert.ok(etag);
    const again = await http(stack.url, 'GET', '/v1/characters?limit=5', { token: free.token, headers: { 'if-none-match': etag } });
    assert.equal(again.status, 304);
    assert.equal(again.body, '');
    const otherUser = await http(stack.url, 'GET', '/v1/characters?limit=5', { token: pro.token, headers: { 'if-none-match': etag } });
    assert.equal(otherUser.status, 200, 'a Pro user sees other `locked` values');
    const target = first.body.items[0];
    await http(stack.url, 'PATCH', `/v1/characters/${target.id}`, { token: admin.token, body: { translations: { en: { ...characterBody('x').translations.en, name: 'Renamed' } } } });
    const changed = await http(stack.url, 'GET', '/v1/characters?limit=5', { token: free.token, headers: { 'if-none-match': etag } });
    assert.equal(changed.status, 200);
    assert.notEqual(changed.headers.get('etag'), etag);
    assert.equal(changed.body.items[0].name, 'Renamed');
  });
});
