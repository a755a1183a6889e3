import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Character } from '../../shared/db/models/index.js';
import { http } from '../helpers/http.js';
import { startStack, type TestStack } from '../helpers/stack.js';
import { signUp, type TestUser } from '../helpers/users.js';

/** A community card as SillyTavern writes it: V1 duplicates on top, extensions from other tools inside. */
const communityCard = {
  name: 'Captain Nemo',
  description: 'Top-level V1 copy that importers ignore.',
  spec: 'chara_card_v2',
  spec_version: '2.0',
  data: {
    name: 'Captain Nemo',
    description: 'A reclusive submarine captain who has sworn off the surface world.',
    personality: 'Brooding, brilliant, courteous to guests.',
    scenario: 'Aboard the Nautilus, twenty thousand leagues under the sea.',
    first_mes: 'Welcome aboard the Nautilus. Few have seen what you are about to see.',
    mes_example: '<START>\n{{user}}: Where are we?\n{{char}}: Beneath the Pacific, far from any flag.',
    creator_notes: 'Works best with long replies.',
    system_prompt: 'Write as Captain Nemo in elegant, old-fashioned English.',
    post_history_instructions: 'Stay in character.',
    alternate_greetings: ['You are awake at last.', 'The sea is calm tonight.'],
    character_book: { name: 'Nautilus lore', entries: [{ keys: ['nautilus'], content: 'An electric submarine.', enabled: true, insertion_order: 0 }] },
    tags: ['Books', 'adventure', 'Travel'],
    creator: 'someone@example.test',
    character_version: '1.2',
    extensions: { talkativeness: '0.6', fav: false, world: 'Ocean', depth_prompt: { prompt: 'Mind the pressure.', depth: 4 }, some_future_tool: [1, { nested: true }] },
    group_only_greetings: ['Greetings, crew.'],
  },
};

describe('Character Card V2 import and export', () => {
  let stack: TestStack;
  let admin: TestUser;
  let user: TestUser;

  before(async () => {
    stack = await startStack({ pools: [] });
    admin = await signUp(stack, { admin: true });
    user = await signUp(stack);
  });
  after(() => stack.close());

  it('imports a community card and exports it back losslessly', async () => {
    const imported = await http(stack.url, 'POST', '/v1/characters/import?tier=premium', { token: admin.token, body: communityCard });
    assert.equal(imported.status, 201);
    assert.equal(imported.body.slug, 'captain-nemo');
    assert.equal(imported.body.tier, 'premium');
    assert.equal(imported.body.greeting, communityCard.data.first_mes);
    assert.deepEqual(imported.body.languages, ['en']);

    const exported = await http(stack.url, 'GET', `/v1/characters/${imported.body.id}/card`, { token: admin.token });
    assert.equal(exported.status, 200);
    assert.equal(exported.body.spec, 'chara_card_v2');
    assert.equal(exported.body.spec_version, '2.0');
    const { saathi, ...extensions } = exported.body.data.extensions;
    assert.deepEqual({ ...exported.body.data, extensions }, communityCard.data);
    assert.equal(saathi.slug, 'captain-nemo');
    assert.equal(saathi.tier, 'premium');
  });

  it('round-trips a Saathi card, other languages included', async () => {
    const created = await http(stack.url, 'POST', '/v1/characters', {
      token: admin.token,
      body: {
        slug: 'dadi-stories', tier: 'free', interests: ['books'], languages: ['en', 'hi'],
        persona: { system_prompt: 'You are Dadi, a storyteller grandmother.', personality: 'Loving', scenario: 'Bedtime', example_dialogue: '{{char}}: Ek baar ki baat hai…' },
        translations: {
          en: { name: 'Dadi', tagline: 'Bedtime stories', description: 'A grandmother full of stories.', greeting: 'Come, sit beside me.' },
          hi: { name: 'दादी', tagline: 'सोने से पहले की कहानियाँ', description: 'कहानियों से भरी दादी।', greeting: 'आओ, मेरे पास बैठो।' },
        },
      },
    });
    const first = (await http(stack.url, 'GET', `/v1/characters/${created.body.id}/card`, { token: admin.token })).body;
    const copy = await http(stack.url, 'POST', '/v1/characters/import?slug=dadi-stories-copy', { token: admin.token, body: first });
    assert.equal(copy.status, 201);
    const second = (await http(stack.url, 'GET', `/v1/characters/${copy.body.id}/card`, { token: admin.token })).body;
    assert.deepEqual({ ...second, data: { ...second.data, extensions: { ...second.data.extensions, saathi: { ...second.data.extensions.saathi, slug: 'dadi-stories' } } } }, first);
    const hindi = await http(stack.url, 'GET', `/v1/characters/${copy.body.id}?language=hi`, { token: user.token });
    assert.equal(hindi.body.name, 'दादी');
  });

  it('is admin only', async () => {
    const importAsUser = await http(stack.url, 'POST', '/v1/characters/import', { token: user.token, body: communityCard });
    assert.equal(importAsUser.status, 403);
    const list = await http(stack.url, 'GET', '/v1/characters', { token: user.token });
    const exportAsUser = await http(stack.url, 'GET', `/v1/characters/${list.body.items[0].id}/card`, { token: user.token });
    assert.equal(exportAsUser.status, 403);
    const anonymous = await http(stack.url, 'GET', `/v1/characters/${list.body.items[0].id}/card`);
    assert.equal(anonymous.status, 401);
  });

  it('rejects malformed cards and taken slugs without writing anything', async () => {
    const before = await Character.count();
    const cases: Array<[string, unknown, number]> = [
      ['wrong spec', { ...communityCard, spec: 'chara_card_v3' }, 422],
      ['no first message', { ...communityCard, data: { ...communityCard.data, first_mes: '' } }, 422],
      ['tags not a list', { ...communityCard, data: { ...communityCard.data, tags: 'a,b' } }, 422],
      ['bad saathi extension', { ...communityCard, data: { ...communityCard.data, extensions: { saathi: { tier: 'gold' } } } }, 422],
      ['slug taken', communityCard, 409],
    ];
    for (const [label, body, status] of cases) {
      const response = await http(stack.url, 'POST', '/v1/characters/import', { token: admin.token, body });
      assert.equal(response.status, status, label);
    }
    assert.equal(await Character.count(), before);
  });
});
