import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { User, UserInterest } from '../../shared/db/models/index.js';
import { http } from '../helpers/http.js';
import { startStack, type TestStack } from '../helpers/stack.js';
import { signUp, type TestUser } from '../helpers/users.js';
import { characterBody, createCharacter } from './helpers.js';

describe('the random matcher', () => {
  let stack: TestStack;
  let pro: TestUser;
  let free: TestUser;
  const ids: Record<string, string> = {};

  before(async () => {
    stack = await startStack({ pools: [] });
    const admin = await signUp(stack, { admin: true });
    pro = await signUp(stack, { plan: 'pro' });
    free = await signUp(stack);
    const cast: Array<[string, string[]]> = [['double-match', ['cricket', 'music']], ['single-match', ['cricket']], ['bookworm', ['books']], ['chef', ['cooking']]];
    for (const [slug, interests] of cast) ids[slug] = (await createCharacter(stack, admin.token, characterBody(slug, { interests, tier: 'premium' }))).id;
    await UserInterest.bulkCreate([{ user_id: pro.id, interest_slug: 'cricket' }, { user_id: pro.id, interest_slug: 'music' }]);
  });
  after(() => stack.close());

  it('is Pro only, needs a token and validates its body', async () => {
    const asFree = await http(stack.url, 'POST', '/v1/characters/match', { token: free.token, body: {} });
    assert.equal(asFree.status, 402);
    assert.equal(asFree.body.error.code, 'pro_required');
    const anonymous = await http(stack.url, 'POST', '/v1/characters/match', { body: {} });
    assert.equal(anonymous.status, 401);
    for (const body of [{ language: 'xx' }, { mood: 'happy' }]) {
      const response = await http(stack.url, 'POST', '/v1/characters/match', { token: pro.token, body });
      assert.equal(response.status, 422, JSON.stringify(body));
    }
  });

  it('follows the user\'s interests over many draws and never repeats a pick back to back', async () => {
    const counts: Record<string, number> = { 'double-match': 0, 'single-match': 0, bookworm: 0, chef: 0 };
    let previous: string | null = null;
    for (let draw = 0; draw < 240; draw += 1) {
      const response = await http(stack.url, 'POST', '/v1/characters/match', { token: pro.token });
      assert.equal(response.status, 200);
      const { character, reason } = response.body;
      assert.notEqual(character.id, previous, `draw ${draw} repeated the previous match`);
      assert.equal(typeof reason, 'string');
      assert.equal(character.locked, false);
      counts[character.slug]! += 1;
      previous = character.id;
    }
    assert.ok(counts['double-match']! > counts['single-match']!, JSON.stringify(counts));
    assert.ok(counts['single-match']! > counts.bookworm! + counts.chef!, JSON.stringify(counts));
    assert.ok(counts.bookworm! > 0 && counts.chef! > 0, 'everyone keeps a chance');
    const user = await User.findByPk(pro.id);
    assert.equal(user?.last_matched_character_id, previous);
  });

  it('explains the pick with the shared interests and the language', async () => {
    await User.update({ last_matched_character_id: null }, { where: { id: pro.id } });
    let match: { character: { slug: string; name: string }; reason: string } | null = null;
    for (let attempt = 0; attempt < 50 && match?.character.slug !== 'double-match'; attempt += 1) {
      match = (await http(stack.url, 'POST', '/v1/characters/match', { token: pro.token, body: { language: 'hi' } })).body;
    }
    assert.equal(match?.character.slug, 'double-match');
    assert.equal(match?.character.name, 'double-match-हिंदी', 'the view is in the requested language');
    assert.match(match!.reason, /Cricket/);
    assert.match(match!.reason, /Hindi/);
  });
});
