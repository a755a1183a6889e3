import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { generateKeyPair } from 'jose';
import { Session, User } from '../../shared/db/models/index.js';
import { startFakeSupabase, type FakeSupabase } from '../fakes/supabase.js';
import { http } from '../helpers/http.js';
import { startStack, type TestStack } from '../helpers/stack.js';
import { TEST_PASSWORD, uniqueEmail } from '../helpers/users.js';

const decodeClaims = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('supabase provider (ES256 via JWKS)', () => {
  let fake: FakeSupabase;
  let stack: TestStack;
  const me = (token: string) => http(stack.url, 'GET', '/v1/me', { token });

  before(async () => {
    fake = await startFakeSupabase();
    stack = await startStack({ pools: [], env: { AUTH_PROVIDER: 'supabase', SUPABASE_URL: fake.url, SUPABASE_ANON_KEY: fake.anonKey } });
  });
  after(async () => {
    await stack.close();
    await fake.close();
  });

  it('signs up and logs in through supabase-js, answering the Session shape', async () => {
    const email = uniqueEmail();
    const signup = await http(stack.url, 'POST', '/v1/auth/signup', {
      body: { email, password: TEST_PASSWORD, display_name: 'Priya', age_confirmed: true },
    });
    assert.equal(signup.status, 201, JSON.stringify(signup.body));
    assert.deepEqual(Object.keys(signup.body).sort(), ['access_token', 'expires_at', 'expires_in', 'refresh_token', 'token_type', 'user']);
    assert.deepEqual(signup.body.user, { id: decodeClaims(signup.body.access_token).sub, email });
    assert.ok(fake.requests.some((request) => request.path === '/auth/v1/signup' && request.apikey));

    const profile = await me(signup.body.access_token);
    assert.equal(profile.status, 200);
    assert.equal(profile.body.id, signup.body.user.id);
    assert.equal(profile.body.display_name, 'Priya');

    const login = await http(stack.url, 'POST', '/v1/auth/login', { body: { email, password: TEST_PASSWORD } });
    assert.equal(login.status, 200);
    assert.equal(login.body.user.id, signup.body.user.id);
    const devices = await http(stack.url, 'GET', '/v1/auth/sessions', { token: login.body.access_token });
    assert.equal(devices.body.items.length, 2);
  });

  it('maps Supabase errors to the contract: 409, 401 invalid_credentials, 422', async () => {
    const email = uniqueEmail();
    await http(stack.url, 'POST', '/v1/auth/signup', { body: { email, password: TEST_PASSWORD, age_confirmed: true } });
    const duplicate = await http(stack.url, 'POST', '/v1/auth/signup', { body: { email, password: TEST_PASSWORD, age_confirmed: true } });
    assert.equal(duplicate.status, 409);
    assert.equal(duplicate.body.error.code, 'conflict');
    const wrong = await http(stack.url, 'POST', '/v1/auth/login', { body: { email, password: 'not the password' } });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.body.error.code, 'invalid_credentials');
    const unknown = await http(stack.url, 'POST', '/v1/auth/login', { body: { email: uniqueEmail(), password: 'not the password' } });
    assert.equal(unknown.status, 401);
    assert.equal(unknown.body.error.code, 'invalid_credentials');
    const notAdult = await http(stack.url, 'POST', '/v1/auth/signup', { body: { email: uniqueEmail(), password: TEST_PASSWORD, age_confirmed: false } });
    assert.equal(notAdult.status, 422);
  });

  it('rotates refresh tokens; a reused one is a 401', async () => {
    const email = uniqueEmail();
    const signup = await http(stack.url, 'POST', '/v1/auth/signup', { body: { email, password: TEST_PASSWORD, age_confirmed: true } });
    const refreshed = await http(stack.url, 'POST', '/v1/auth/refresh', { body: { refresh_token: signup.body.refresh_token } });
    assert.equal(refreshed.status, 200);
    assert.notEqual(refreshed.body.refresh_token, signup.body.refresh_token);
    assert.equal((await me(refreshed.body.access_token)).status, 200);
    const reused = await http(stack.url, 'POST', '/v1/auth/refresh', { body: { refresh_token: signup.body.refresh_token } });
    assert.equal(reused.status, 401);
    assert.equal(reused.body.error.code, 'unauthorized');
  });

  it('logout kills the token here even though Supabase would still sign it', async () => {
    const email = uniqueEmail();
    const signup = await http(stack.url, 'POST', '/v1/auth/signup', { body: { email, password: TEST_PASSWORD, age_confirmed: true } });
    const token = signup.body.access_token;
    assert.equal((await me(token)).status, 200);
    assert.equal((await http(stack.url, 'POST', '/v1/auth/logout', { token })).status, 204);
    assert.ok(fake.requests.some((request) => request.path === '/auth/v1/logout?scope=local'));
    assert.equal((await me(token)).status, 401);
    await stack.infra.redis.del(stack.infra.key('session', decodeClaims(token).session_id));
    const fresh = await stack.addEdge();
    assert.equal((await http(`http://127.0.0.1:${fresh.port}`, 'GET', '/v1/me', { token })).status, 401);
    assert.ok((await Session.findByPk(decodeClaims(token).session_id))!.revoked_at);
  });

  it('a device logged out here cannot refresh its way back in', async () => {
    const email = uniqueEmail();
    const phone = await http(stack.url, 'POST', '/v1/auth/signup', { body: { email, password: TEST_PASSWORD, age_confirmed: true } });
    const laptop = await http(stack.url, 'POST', '/v1/auth/login', { body: { email, password: TEST_PASSWORD } });
    const phoneSession = decodeClaims(phone.body.access_token).session_id;
    const revoked = await http(stack.url, 'DELETE', `/v1/auth/sessions/${phoneSession}`, { token: laptop.body.access_token });
    assert.equal(revoked.status, 204);
    assert.equal((await me(phone.body.access_token)).status, 401);
    const refreshed = await http(stack.url, 'POST', '/v1/auth/refresh', { body: { refresh_token: phone.body.refresh_token } });
    assert.equal(refreshed.status, 401);
    assert.equal((await me(laptop.body.access_token)).status, 200);
  });

  it('provisions a user first seen in a token exactly once, even under concurrency', async () => {
    const email = uniqueEmail('elsewhere');
    const id = fake.createUser(email, TEST_PASSWORD, 'Arjun');
    const token = await fake.mintToken(email);
    const answers = await Promise.all(Array.from({ length: 12 }, () => me(token)));
    assert.deepEqual(answers.map((answer) => answer.status), Array(12).fill(200));
    assert.equal(await User.count({ where: { id } }), 1);
    assert.equal(await Session.count({ where: { user_id: id } }), 1);
    assert.equal((await User.findByPk(id))!.display_name, 'Arjun');
  });

  it('refuses wrong issuer, audience, expiry, algorithm, key and unknown kid with 401', async () => {
    const email = uniqueEmail();
    fake.createUser(email, TEST_PASSWORD);
    assert.equal((await me(await fake.mintToken(email))).status, 200);
    const stranger = await generateKeyPair('ES256');
    const now = Math.floor(Date.now() / 1000);
    const forged = [
      await fake.mintToken(email, { claims: { iss: 'https://someone-else.supabase.co/auth/v1' } }),
      await fake.mintToken(email, { claims: { aud: 'anon' } }),
      await fake.mintToken(email, { claims: { iat: now - 7200, exp: now - 3600 } }),
      await fake.mintToken(email, { key: stranger.privateKey }),
      await fake.mintToken(email, { key: stranger.privateKey, kid: 'kid-nobody-published' }),
      await fake.mintToken(email, { alg: 'HS256', key: new TextEncoder().encode(fake.anonKey) }),
      `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${(await fake.mintToken(email)).split('.')[1]}.`,
      'not-a-jwt',
    ];
    for (const token of forged) {
      const response = await me(token);
      assert.equal(response.status, 401, token.slice(0, 40));
      assert.equal(response.body.error.code, 'unauthorized');
    }
  });

  it('caches the JWKS and refetches it when a new kid appears', async () => {
    const email = uniqueEmail();
    fake.createUser(email, TEST_PASSWORD);
    const before = fake.jwksFetches();
    for (let i = 0; i < 3; i += 1) assert.equal((await me(await fake.mintToken(email))).status, 200);
    assert.equal(fake.jwksFetches(), before, 'a known kid needs no fetch');
    await fake.rotateKey();
    await sleep(1100);
    assert.equal((await me(await fake.mintToken(email))).status, 200);
    assert.equal(fake.jwksFetches(), before + 1);
  });

  it('reads the admin claim the project sets', async () => {
    const email = uniqueEmail('admin');
    fake.createUser(email, TEST_PASSWORD);
    fake.setAppRole(email, 'admin');
    const provider = stack.edge!.edge.deps.auth.provider;
    assert.equal((await provider.verify(await fake.mintToken(email))).is_admin, true);
    fake.setAppRole(email, undefined);
    assert.equal((await provider.verify(await fake.mintToken(email))).is_admin, false);
  });
});

describe('supabase provider (legacy HS256 secret)', () => {
  const secret = 'legacy-project-jwt-secret-with-enough-length-1234';
  let fake: FakeSupabase;
  let stack: TestStack;
  before(async () => {
    fake = await startFakeSupabase({ legacySecret: secret });
    stack = await startStack({
      pools: [],
      env: { AUTH_PROVIDER: 'supabase', SUPABASE_URL: fake.url, SUPABASE_ANON_KEY: fake.anonKey, SUPABASE_JWT_SECRET: secret },
    });
  });
  after(async () => {
    await stack.close();
    await fake.close();
  });

  it('verifies HS256 tokens with the project secret and refuses others', async () => {
    const email = uniqueEmail();
    const signup = await http(stack.url, 'POST', '/v1/auth/signup', { body: { email, password: TEST_PASSWORD, age_confirmed: true } });
    assert.equal(signup.status, 201);
    assert.equal((await http(stack.url, 'GET', '/v1/me', { token: signup.body.access_token })).status, 200);
    const wrongSecret = await fake.mintToken(email, { key: new TextEncoder().encode('a-different-secret-of-the-same-sort-1234567') });
    assert.equal((await http(stack.url, 'GET', '/v1/me', { token: wrongSecret })).status, 401);
    const wrongIssuer = await fake.mintToken(email, { claims: { iss: 'saathi' } });
    assert.equal((await http(stack.url, 'GET', '/v1/me', { token: wrongIssuer })).status, 401);
  });

  it('answers 503 unavailable, not 500, while Supabase is down', async () => {
    await fake.close();
    const login = await http(stack.url, 'POST', '/v1/auth/login', { body: { email: uniqueEmail(), password: TEST_PASSWORD } });
    assert.equal(login.status, 503);
    assert.equal(login.body.error.code, 'unavailable');
  });
});
