import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { charactersChanged } from '../../shared/characters/index.js';
import { CharacterTranslation } from '../../shared/db/models/index.js';
import { http } from '../helpers/http.js';
import { startStack, type TestStack } from '../helpers/stack.js';
import { signUp, type TestUser } from '../helpers/users.js';
import { characterBody, createCharacter } from './helpers.js';

/** Polls until `check` holds, failing after `withinMs`; returns how long it took. */
async function eventually(check: () => Promise<boolean>, withinMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < withinMs) {
    if (await check()) return Date.now() - started;
    await sleep(25);
  }
  assert.fail(`not true within ${withinMs} ms`);
}

describe('the character cache across edges', () => {
  let stack: TestStack;
  let otherEdge: string;
  let admin: TestUser;
  let user: TestUser;
  let characterId: string;

  const nameOn = async (base: string) => (await http(base, 'GET', `/v1/characters/${characterId}`, { token: user.token })).body.name;

  before(async () => {
    stack = await startStack({ pools: [] });
    otherEdge = `http://127.0.0.1:${(await stack.addEdge()).port}`;
    admin = await signUp(stack, { admin: true });
    user = await signUp(stack);
    characterId = (await createCharacter(stack, admin.token, characterBody('cached-one'))).id;
  });
  after(() => stack.close());

  it('serves from its in-process copy until told that the catalogue changed', async () => {
    assert.equal(await nameOn(otherEdge), 'cached-one');
    await CharacterTranslation.update({ name: 'Changed behind the cache' }, { where: { character_id: characterId, language: 'en' } });
    assert.equal(await nameOn(otherEdge), 'cached-one', 'the edge answers from its cache');
    await charactersChanged(stack.infra, characterId);
    await eventually(async () => (await nameOn(otherEdge)) === 'Changed behind the cache', 1000);
  });

  it('drops every edge\'s copy within a second of an admin change on another edge', async () => {
    assert.equal(await nameOn(otherEdge), 'Changed behind the cache');
    const patched = await http(stack.url, 'PATCH', `/v1/characters/${characterId}`, {
      token: admin.token,
      body: { translations: { en: { ...characterBody('x').translations.en, name: 'Edited by an admin' } } },
    });
    assert.equal(patched.status, 200);
    assert.equal(await nameOn(stack.url), 'Edited by an admin', 'the writing edge sees its own change at once');
    await eventually(async () => (await nameOn(otherEdge)) === 'Edited by an admin', 1000);

    await http(stack.url, 'DELETE', `/v1/characters/${characterId}`, { token: admin.token });
    await eventually(async () => (await http(otherEdge, 'GET', `/v1/characters/${characterId}`, { token: user.token })).status === 404, 1000);
    const list = await http(otherEdge, 'GET', '/v1/characters', { token: user.token });
    assert.ok(!list.body.items.some((item: { id: string }) => item.id === characterId));
  });
});
