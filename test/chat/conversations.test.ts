import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Conversation } from '../../shared/db/models/index.js';
import { addCharacter, startChatStack, type ChatStack } from '../helpers/chat.js';
import { http } from '../helpers/http.js';
import { signUp, type TestUser } from '../helpers/users.js';

let chat: ChatStack;
let free: TestUser;
let pro: TestUser;
let stranger: TestUser;

before(async () => {
  chat = await startChatStack({ script: { deltas: ['Hi'] } });
  [free, pro, stranger] = await Promise.all([
    signUp(chat.stack, { language: 'hi' }),
    signUp(chat.stack, { plan: 'pro' }),
    signUp(chat.stack),
  ]);
});
after(() => chat.close());

const open = (user: TestUser, body: Record<string, unknown>) => http(chat.stack.url, 'POST', '/v1/conversations', { token: user.token, body });

test('a conversation starts with the greeting in its language (the user\'s by default)', async () => {
  const character = await addCharacter(chat.stack);
  const created = await open(free, { character_id: character.id });
  assert.equal(created.status, 201);
  assert.equal(created.body.language, 'hi');
  assert.equal(created.body.status, 'active');
  assert.equal(created.body.message_count, 1);
  assert.equal(created.body.messages.length, 1);
  assert.equal(created.body.messages[0].role, 'assistant');
  assert.match(created.body.messages[0].content, /^नमस्ते .*, मैं मीरा हूँ!$/);
  assert.equal(created.body.last_message_preview, created.body.messages[0].content);

  const again = await open(free, { character_id: character.id });
  assert.equal(again.status, 402, 'one active conversation is the free limit, whichever the character');
  assert.deepEqual(again.body.error.details.active_conversation_ids, [created.body.id]);

  const fallback = await open(pro, { character_id: character.id, language: 'ta' });
  assert.equal(fallback.status, 201);
  assert.equal(fallback.body.messages[0].content, 'Hello friend, I am Meera!', 'a language the character lacks falls back to en');
  assert.equal(fallback.body.messages[0].language, 'en', 'and the greeting is labelled as what it is');
  assert.equal(fallback.body.language, 'ta');
  assert.equal(created.body.messages[0].language, 'hi');
});

test('free users hold one active conversation and no premium characters (402)', async () => {
  const user = await signUp(chat.stack);
  const [first, second, premium] = await Promise.all([addCharacter(chat.stack), addCharacter(chat.stack), addCharacter(chat.stack, { tier: 'premium' })]);
  const opened = await open(user, { character_id: first.id });
  assert.equal(opened.status, 201);
  const refused = await open(user, { character_id: second.id });
  assert.equal(refused.status, 402);
  assert.equal(refused.body.error.code, 'pro_required');
  assert.deepEqual(refused.body.error.details.active_conversation_ids, [opened.body.id]);
  const locked = await open(user, { character_id: premium.id });
  assert.equal(locked.status, 402);
  assert.equal(await Conversation.count({ where: { user_id: user.id } }), 1);

  assert.equal((await http(chat.stack.url, 'DELETE', `/v1/conversations/${opened.body.id}`, { token: user.token })).status, 204);
  assert.equal((await open(user, { character_id: second.id })).status, 201, 'ending one makes room');
  const resume = await http(chat.stack.url, 'POST', `/v1/conversations/${opened.body.id}/resume`, { token: user.token });
  assert.equal(resume.status, 402);
  assert.equal(resume.body.error.code, 'pro_required');
  assert.equal((await open(pro, { character_id: premium.id })).status, 201);
});

test('ended conversations refuse messages (409) and Pro users can resume them', async () => {
  const character = await addCharacter(chat.stack);
  const created = await open(pro, { character_id: character.id });
  const path = `/v1/conversations/${created.body.id}`;
  assert.equal((await http(chat.stack.url, 'DELETE', path, { token: pro.token })).status, 204);
  assert.equal((await http(chat.stack.url, 'GET', path, { token: pro.token })).body.status, 'ended');
  const sent = await http(chat.stack.url, 'POST', `${path}/messages`, { token: pro.token, body: { content: 'hello?' } });
  assert.equal(sent.status, 409);
  assert.equal(sent.body.error.code, 'conflict');
  const resumed = await http(chat.stack.url, 'POST', `${path}/resume`, { token: pro.token });
  assert.equal(resumed.status, 200);
  assert.equal(resumed.body.status, 'active');
  assert.equal((await http(chat.stack.url, 'POST', `${path}/messages`, { token: pro.token, body: { content: 'back!' } })).status, 200);
});

test('the list is latest first, filterable and paged by cursor', async () => {
  const user = await signUp(chat.stack, { plan: 'pro' });
  const ids: string[] = [];
  for (let index = 0; index < 3; index += 1) {
    chat.stack.clock.advance(1000);
    ids.push((await open(user, { character_id: (await addCharacter(chat.stack)).id })).body.id);
  }
  const page1 = await http(chat.stack.url, 'GET', '/v1/conversations?limit=2', { token: user.token });
  assert.equal(page1.status, 200);
  assert.deepEqual(page1.body.items.map((item: any) => item.id), [ids[2], ids[1]]);
  assert.ok(page1.body.items[0].last_message_preview);
  const page2 = await http(chat.stack.url, 'GET', `/v1/conversations?limit=2&cursor=${page1.body.next_cursor}`, { token: user.token });
  assert.deepEqual(page2.body.items.map((item: any) => item.id), [ids[0]]);
  assert.equal(page2.body.next_cursor, null);
  await http(chat.stack.url, 'DELETE', `/v1/conversations/${ids[1]}`, { token: user.token });
  const ended = await http(chat.stack.url, 'GET', '/v1/conversations?status=ended', { token: user.token });
  assert.deepEqual(ended.body.items.map((item: any) => item.id), [ids[1]]);
  assert.equal((await http(chat.stack.url, 'GET', '/v1/conversations?cursor=nonsense', { token: user.token })).status, 422);
  assert.equal((await http(chat.stack.url, 'GET', '/v1/conversations?limit=0', { token: user.token })).status, 422);
});

test('history pages walk back in time, in chronological order', async () => {
  const user = await signUp(chat.stack, { plan: 'pro' });
  const created = await open(user, { character_id: (await addCharacter(chat.stack)).id });
  const path = `/v1/conversations/${created.body.id}/messages`;
  for (const content of ['one', 'two']) {
    chat.stack.clock.advance(1000);
    assert.equal((await http(chat.stack.url, 'POST', path, { token: user.token, body: { content } })).status, 200);
  }
  const latest = await http(chat.stack.url, 'GET', `${path}?limit=3`, { token: user.token });
  assert.deepEqual(latest.body.items.map((item: any) => item.content), ['Hi', 'two', 'Hi']);
  const older = await http(chat.stack.url, 'GET', `${path}?limit=3&before=${latest.body.next_cursor}`, { token: user.token });
  assert.deepEqual(older.body.items.map((item: any) => item.content), ['Hello friend, I am Meera!', 'one']);
  assert.equal(older.body.next_cursor, null);
  const misnamed = await http(chat.stack.url, 'GET', `${path}?cursor=${latest.body.next_cursor}`, { token: user.token });
  assert.equal(misnamed.status, 422, 'the page parameter is `before`: `cursor` is refused, not read as the first page');
});

test('no token is 401; another user\'s conversation is 404 everywhere', async () => {
  const created = await open(pro, { character_id: (await addCharacter(chat.stack)).id });
  const path = `/v1/conversations/${created.body.id}`;
  assert.equal((await http(chat.stack.url, 'GET', '/v1/conversations')).status, 401);
  assert.equal((await http(chat.stack.url, 'POST', '/v1/conversations', { body: { character_id: 'x' } })).status, 401);
  assert.equal((await http(chat.stack.url, 'GET', path)).status, 401);
  const attempts = [
    http(chat.stack.url, 'GET', path, { token: stranger.token }),
    http(chat.stack.url, 'DELETE', path, { token: stranger.token }),
    http(chat.stack.url, 'POST', `${path}/resume`, { token: stranger.token }),
    http(chat.stack.url, 'GET', `${path}/messages`, { token: stranger.token }),
    http(chat.stack.url, 'POST', `${path}/messages`, { token: stranger.token, body: { content: 'hi' } }),
  ];
  for (const response of await Promise.all(attempts)) {
    assert.equal(response.status, 404);
    assert.equal(response.body.error.code, 'not_found');
  }
  assert.equal((await http(chat.stack.url, 'GET', path, { token: pro.token })).body.status, 'active');
  for (const alike of [path.toUpperCase().replace('/V1/CONVERSATIONS/', '/v1/conversations/'), `${path}%20`]) {
    assert.equal((await http(chat.stack.url, 'GET', alike, { token: pro.token })).status, 404, 'only the exact id finds a conversation');
  }
  assert.equal((await open(pro, { character_id: 'no-such-character' })).status, 404);
  assert.equal((await open(pro, { character_id: created.body.character_id, language: 'xx' })).status, 422);
  assert.equal((await open(pro, { character_id: created.body.character_id, mood: 'happy' })).status, 422);
});
