import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { getCharacter } from '../../shared/characters/index.js';
import { Character } from '../../shared/db/models/index.js';
import { http } from '../helpers/http.js';
import { startStack, type TestStack } from '../helpers/stack.js';
import { signUp, type TestUser } from '../helpers/users.js';
import { characterBody, createCharacter } from './helpers.js';

describe('admin writes to the character catalogue', () => {
  let stack: TestStack;
  let admin: TestUser;
  let user: TestUser;

  before(async () => {
    stack = await startStack({ pools: [] });
    admin = await signUp(stack, { admin: true });
    user = await signUp(stack);
  });
  after(() => stack.close());

  it('creates a character and shows it localised', async () => {
    const view = await createCharacter(stack, admin.token, characterBody('tea-lover'));
    assert.equal(view.slug, 'tea-lover');
    assert.equal(view.name, 'tea-lover');
    assert.equal(view.display_name, 'tea-lover');
    assert.equal(view.tier, 'free');
    assert.equal(view.locked, false);
    assert.deepEqual(view.languages, ['en', 'hi']);
    assert.match(view.avatar_url, /^http:\/\/127\.0\.0\.1:\d+\/v1\/media\/characters\/tea-lover\.svg$/);

    const hindi = await http(stack.url, 'GET', `/v1/characters/${view.id}?language=hi`, { token: user.token });
    assert.equal(hindi.status, 200);
    assert.equal(hindi.body.name, 'tea-lover-हिंदी');
  });

  it('refuses writes from a non-admin (403) and without a token (401)', async () => {
    const before = await Character.count();
    const asUser = await http(stack.url, 'POST', '/v1/characters', { token: user.token, body: characterBody('sneaky') });
    assert.equal(asUser.status, 403);
    assert.equal(asUser.body.error.code, 'forbidden');
    const anonymous = await http(stack.url, 'POST', '/v1/characters', { body: characterBody('sneaky') });
    assert.equal(anonymous.status, 401);
    const target = await createCharacter(stack, admin.token, characterBody('guarded'));
    const patch = await http(stack.url, 'PATCH', `/v1/characters/${target.id}`, { token: user.token, body: { tier: 'premium' } });
    assert.equal(patch.status, 403);
    const remove = await http(stack.url, 'DELETE', `/v1/characters/${target.id}`, { token: user.token });
    assert.equal(remove.status, 403);
    assert.equal(await Character.count(), before + 1);
  });

  it('validates strictly and writes nothing on a bad body', async () => {
    const before = await Character.count();
    const cases: Array<[string, Record<string, unknown>]> = [
      ['unknown field', characterBody('bad-one', { mood: 'happy' })],
      ['no English', characterBody('bad-two', { translations: { hi: characterBody('x').translations.hi } })],
      ['bad slug', characterBody('Bad Slug!')],
      ['unknown language', characterBody('bad-three', { languages: ['en', 'xx'] })],
      ['bad tier', characterBody('bad-four', { tier: 'gold' })],
      ['persona extra', characterBody('bad-five', { persona: { system_prompt: 'x', personality: 'y', secret: 1 } })],
      ['empty greeting', characterBody('bad-six', { translations: { en: { name: 'A', tagline: 'B', description: 'C', greeting: '' } } })],
      ['unknown interest', characterBody('bad-seven', { interests: ['cricket', 'not-an-interest'] })],
    ];
    for (const [label, body] of cases) {
      const response = await http(stack.url, 'POST', '/v1/characters', { token: admin.token, body });
      assert.equal(response.status, 422, label);
      assert.equal(response.body.error.code, 'validation_failed', label);
      assert.ok(response.body.error.details.issues.length > 0, label);
    }
    assert.equal(await Character.count(), before);
  });

  it('answers 409 for a slug that is taken', async () => {
    await createCharacter(stack, admin.token, characterBody('twin'));
    const again = await http(stack.url, 'POST', '/v1/characters', { token: admin.token, body: characterBody('twin') });
    assert.equal(again.status, 409);
    assert.equal(again.body.error.code, 'conflict');
  });

  it('patches texts, tier and persona; removes a translation; keeps English', async () => {
    const view = await createCharacter(stack, admin.token, characterBody('changeling'));
    const patched = await http(stack.url, 'PATCH', `/v1/characters/${view.id}`, {
      token: admin.token,
      body: { tier: 'premium', persona: { scenario: 'A rainy evening' }, translations: { hi: null, ta: characterBody('x').translations.en } },
    });
    assert.equal(patched.status, 200);
    assert.equal(patched.body.tier, 'premium');
    const record = await getCharacter(stack.infra, view.id);
    assert.equal(record?.persona.scenario, 'A rainy evening');
    assert.equal(record?.persona.system_prompt, 'You are changeling.');
    assert.deepEqual(Object.keys(record!.translations).sort(), ['en', 'ta']);

    const dropEnglish = await http(stack.url, 'PATCH', `/v1/characters/${view.id}`, { token: admin.token, body: { translations: { en: null } } });
    assert.equal(dropEnglish.status, 422);
    const unknown = await http(stack.url, 'PATCH', `/v1/characters/${view.id}`, { token: admin.token, body: { owner: 'me' } });
    assert.equal(unknown.status, 422);
    const unknownInterest = await http(stack.url, 'PATCH', `/v1/characters/${view.id}`, { token: admin.token, body: { interests: ['not-an-interest'] } });
    assert.equal(unknownInterest.status, 422);
    assert.equal(unknownInterest.body.error.details.issues[0].path, 'interests.0');
    const missing = await http(stack.url, 'PATCH', '/v1/characters/00000000-0000-7000-8000-000000000000', { token: admin.token, body: { tier: 'free' } });
    assert.equal(missing.status, 404);
  });

  it('soft-deletes: gone from the catalogue, still there for existing conversations', async () => {
    const view = await createCharacter(stack, admin.token, characterBody('farewell'));
    const removed = await http(stack.url, 'DELETE', `/v1/characters/${view.id}`, { token: admin.token });
    assert.equal(removed.status, 204);
    const fetched = await http(stack.url, 'GET', `/v1/characters/${view.id}`, { token: user.token });
    assert.equal(fetched.status, 404);
    const list = await http(stack.url, 'GET', '/v1/characters?limit=100', { token: user.token });
    assert.ok(!list.body.items.some((item: { id: string }) => item.id === view.id));
    const kept = await getCharacter(stack.infra, view.id, { includeDeleted: true });
    assert.equal(kept?.slug, 'farewell');
    assert.ok(kept?.deleted_at);
    assert.equal(await getCharacter(stack.infra, view.id), null);
    const twice = await http(stack.url, 'DELETE', `/v1/characters/${view.id}`, { token: admin.token });
    assert.equal(twice.status, 404);
  });
});
