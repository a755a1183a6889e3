import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { UserCharacterSetting } from '../../shared/db/models/index.js';
import { http } from '../helpers/http.js';
import { startStack, type TestStack } from '../helpers/stack.js';
import { signUp, type TestUser } from '../helpers/users.js';
import { characterBody, createCharacter } from './helpers.js';

const image = (format: 'png' | 'jpeg' | 'webp', width = 300, height = 200) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 80, b: 40 } } }).toFormat(format).toBuffer();

/** Random pixels do not compress: a real PNG over 3 MiB. */
const hugePng = () =>
  sharp(randomBytes(1100 * 1000 * 3), { raw: { width: 1100, height: 1000, channels: 3 } }).png({ compressionLevel: 0 }).toBuffer();

async function upload(stack: TestStack, token: string | undefined, characterId: string, bytes: Buffer, filename: string, type: string) {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type }), filename);
  const response = await fetch(`${stack.url}/v1/characters/${characterId}/avatar`, {
    method: 'PUT',
    body: form,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return { status: response.status, body: (await response.json()) as any };
}

describe('per-user customization', () => {
  let stack: TestStack;
  let admin: TestUser;
  let alice: TestUser;
  let bob: TestUser;
  let pro: TestUser;
  let characterId: string;
  const storageDir = `/tmp/saathi-avatars-${randomBytes(4).toString('hex')}`;

  before(async () => {
    stack = await startStack({ pools: [], env: { STORAGE_DIR: storageDir } });
    admin = await signUp(stack, { admin: true });
    alice = await signUp(stack);
    bob = await signUp(stack);
    pro = await signUp(stack, { plan: 'pro' });
    characterId = (await createCharacter(stack, admin.token, characterBody('nicknamed'))).id;
  });
  after(async () => {
    await stack.close();
    await rm(storageDir, { recursive: true, force: true });
  });

  it('sets a nickname only the user sees, and clears it with null', async () => {
    const set = await http(stack.url, 'PUT', `/v1/characters/${characterId}/customization`, { token: alice.token, body: { nickname: '  Chintu  ' } });
    assert.equal(set.status, 200);
    assert.equal(set.body.display_name, 'Chintu');
    assert.equal(set.body.name, 'nicknamed');
    const alicesList = await http(stack.url, 'GET', '/v1/characters', { token: alice.token });
    assert.equal(alicesList.body.items.find((item: { id: string }) => item.id === characterId).display_name, 'Chintu');
    const bobsView = await http(stack.url, 'GET', `/v1/characters/${characterId}`, { token: bob.token });
    assert.equal(bobsView.body.display_name, 'nicknamed');
    const cleared = await http(stack.url, 'PUT', `/v1/characters/${characterId}/customization`, { token: alice.token, body: { nickname: null } });
    assert.equal(cleared.body.display_name, 'nicknamed');
  });

  it('validates the nickname and the character, writing nothing on failure', async () => {
    const before = await UserCharacterSetting.count({ where: { user_id: bob.id } });
    for (const body of [{ nickname: '' }, { nickname: '   ' }, { nickname: 'x'.repeat(41) }, {}, { nickname: 'ok', colour: 'red' }, { nickname: 5 }]) {
      const response = await http(stack.url, 'PUT', `/v1/characters/${characterId}/customization`, { token: bob.token, body });
      assert.equal(response.status, 422, JSON.stringify(body));
    }
    const unknown = await http(stack.url, 'PUT', '/v1/characters/00000000-0000-7000-8000-000000000000/customization', { token: bob.token, body: { nickname: 'Hi' } });
    assert.equal(unknown.status, 404);
    const anonymous = await http(stack.url, 'PUT', `/v1/characters/${characterId}/customization`, { body: { nickname: 'Hi' } });
    assert.equal(anonymous.status, 401);
    assert.equal(await UserCharacterSetting.count({ where: { user_id: bob.id } }), before);
    const forty = await http(stack.url, 'PUT', `/v1/characters/${characterId}/customization`, { token: bob.token, body: { nickname: 'ब'.repeat(40) } });
    assert.equal(forty.status, 200);
  });

  it('gives free users 402 pro_required for an avatar', async () => {
    const response = await upload(stack, alice.token, characterId, await image('png'), 'me.png', 'image/png');
    assert.equal(response.status, 402);
    assert.equal(response.body.error.code, 'pro_required');
    const anonymous = await upload(stack, undefined, characterId, await image('png'), 'me.png', 'image/png');
    assert.equal(anonymous.status, 401);
  });

  for (const format of ['png', 'jpeg', 'webp'] as const) {
    it(`accepts a real ${format}, stored as a 512×512 WebP behind avatar_url`, async () => {
      const response = await upload(stack, pro.token, characterId, await image(format), `me.${format}`, `image/${format}`);
      assert.equal(response.status, 200);
      const served = await fetch(response.body.avatar_url);
      assert.equal(served.status, 200);
      assert.equal(served.headers.get('content-type'), 'image/webp');
      const metadata = await sharp(Buffer.from(await served.arrayBuffer())).metadata();
      assert.deepEqual([metadata.format, metadata.width, metadata.height], ['webp', 512, 512]);
      const view = await http(stack.url, 'GET', `/v1/characters/${characterId}`, { token: pro.token });
      assert.equal(view.body.avatar_url, response.body.avatar_url);
      const othersView = await http(stack.url, 'GET', `/v1/characters/${characterId}`, { token: bob.token });
      assert.match(othersView.body.avatar_url, /\/v1\/media\/characters\/nicknamed\.svg$/);
    });
  }

  it('rejects a text file dressed up as a PNG (422) and a 3 MiB image (413)', async () => {
    const before = await UserCharacterSetting.findOne({ where: { user_id: pro.id, character_id: characterId } });
    const text = await upload(stack, pro.token, characterId, Buffer.from('just some notes, not a picture\n'.repeat(20)), 'photo.png', 'image/png');
    assert.equal(text.status, 422);
    assert.equal(text.body.error.code, 'validation_failed');
    const big = await hugePng();
    assert.ok(big.length > 3 * 1024 * 1024);
    const tooBig = await upload(stack, pro.token, characterId, big, 'big.png', 'image/png');
    assert.equal(tooBig.status, 413);
    assert.equal(tooBig.body.error.code, 'payload_too_large');
    const noFile = await http(stack.url, 'PUT', `/v1/characters/${characterId}/avatar`, { token: pro.token, body: { file: 'x' } });
    assert.equal(noFile.status, 422);
    const after = await UserCharacterSetting.findOne({ where: { user_id: pro.id, character_id: characterId } });
    assert.equal(after?.avatar_key, before?.avatar_key, 'the stored avatar is unchanged');
  });

  it('does not serve guessed or traversing media paths', async () => {
    for (const path of ['/v1/media/avatars/..%2F..%2Fetc%2Fpasswd', '/v1/media/avatars/nothing.webp', '/v1/media/characters/..%2Fx.svg']) {
      const response = await http(stack.url, 'GET', path);
      assert.equal(response.status, 404, path);
    }
  });
});
