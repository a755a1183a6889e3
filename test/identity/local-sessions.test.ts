import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { RefreshToken, Session, User } from '../../shared/db/models/index.js';
import { http } from '../helpers/http.js';
import { startStack, type TestStack } from '../helpers/stack.js';
import { signUp, TEST_PASSWORD, uniqueEmail } from '../helpers/users.js';

const decodeClaims = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));

describe('local provider: signup, login, refresh, logout', () => {
  let stack: TestStack;
  before(async () => {
    stack = await startStack({ pools: [] });
  });
  after(async () => {
    await stack.close();
  });

  it('signs up with the Session shape and Supabase claims', async () => {
    const email = uniqueEmail();
    const response = await http(stack.url, 'POST', '/v1/auth/signup', {
      body: { email, password: TEST_PASSWORD, display_name: 'Priya', age_confirmed: true },
    });
    assert.equal(response.status, 201);
    const session = response.body;
    assert.equal(session.token_type, 'bearer');
    assert.equal(session.expires_in, 3600);
    assert.ok(Math.abs(session.expires_at - (Date.now() / 1000 + 3600)) < 10);
    assert.equal(session.user.email, email);
    const claims = decodeClaims(session.access_token);
    assert.equal(claims.sub, session.user.id);
    assert.equal(claims.email, email);
    assert.equal(claims.role, 'authenticated');
    assert.equal(claims.aud, 'authenticated');
    assert.equal(typeof claims.session_id, 'string');
    assert.equal(claims.user_metadata.display_name, 'Priya');
    assert.equal(claims.app_metadata.role, undefined);
    assert.equal(claims.exp - claims.iat, 3600);

    const user = await User.findByPk(session.user.id);
    assert.match(user!.password_hash!, /^\$argon2id\$/);
    const stored = await RefreshToken.findAll({ where: { session_id: claims.session_id } });
    assert.equal(stored.length, 1);
    assert.notEqual(stored[0]!.token_hash, session.refresh_token);

    const sessions = await http(stack.url, 'GET', '/v1/auth/sessions', { token: session.access_token });
    assert.equal(sessions.status, 200);
    assert.equal(sessions.body.items.length, 1);
    assert.equal(sessions.body.items[0].current, true);
  });

  it('refuses a duplicate email (any case) with 409 and bad input with 422, writing nothing', async () => {
    const user = await signUp(stack);
    const duplicate = await http(stack.url, 'POST', '/v1/auth/signup', {
      body: { email: user.email.toUpperCase(), password: TEST_PASSWORD, age_confirmed: true },
    });
    assert.equal(duplicate.status, 409);
    assert.equal(duplicate.body.error.code, 'conflict');

    const before = await User.count();
    for (const body of [
      { email: uniqueEmail(), password: TEST_PASSWORD, age_confirmed: false },
      { email: uniqueEmail(), password: TEST_PASSWORD },
      { email: uniqueEmail(), password: 'short', age_confirmed: true },
      { email: 'not-an-email', password: TEST_PASSWORD, age_confirmed: true },
      { email: uniqueEmail(), password: TEST_PASSWORD, age_confirmed: true, plan: 'pro' },
      { email: uniqueEmail(), password: TEST_PASSWORD, age_confirmed: true, display_name: 'Ra\u0007vi' },
    ]) {
      const response = await http(stack.url, 'POST', '/v1/auth/signup', { body });
      assert.equal(response.status, 422, JSON.stringify(body));
      assert.equal(response.body.error.code, 'validation_failed');
      assert.ok(response.body.error.details.issues.length > 0);
    }
    const garbage = await http(stack.url, 'POST', '/v1/auth/signup', { raw: '{nope', headers: { 'content-type': 'application/json' } });
    assert.equal(garbage.status, 400);
    assert.equal(await User.count(), before);
  });

  // An unknown email is verified against a decoy argon2 hash (edge/auth/local.ts), so both cost one
  // verification; how long that takes is a benchmark's business, not a test's (it flaked under CI load).
  it('logs in, and answers wrong password and unknown email alike', async () => {
    const user = await signUp(stack);
    const ok = await http(stack.url, 'POST', '/v1/auth/login', { body: { email: user.email, password: TEST_PASSWORD } });
    assert.equal(ok.status, 200);
    assert.equal(ok.body.user.id, user.id);

    const attempt = (email: string) => http(stack.url, 'POST', '/v1/auth/login', { body: { email, password: 'wrong password!' } });
    const wrong = await attempt(user.email);
    const unknown = await attempt(uniqueEmail());
    for (const response of [wrong, unknown]) {
      assert.equal(response.status, 401);
      assert.equal(response.body.error.code, 'invalid_credentials');
      assert.equal(response.body.error.message, wrong.body.error.message);
    }
    assert.deepEqual(Object.keys(unknown.body.error).sort(), Object.keys(wrong.body.error).sort());
  });

  it('rotates refresh tokens; reusing a spent one kills the whole session', async () => {
    const user = await signUp(stack);
    const first = await http(stack.url, 'POST', '/v1/auth/refresh', { body: { refresh_token: user.refresh_token } });
    assert.equal(first.status, 200);
    assert.notEqual(first.body.refresh_token, user.refresh_token);
    assert.equal(decodeClaims(first.body.access_token).session_id, decodeClaims(user.token).session_id);
    assert.equal((await http(stack.url, 'GET', '/v1/auth/sessions', { token: first.body.access_token })).status, 200);

    const reused = await http(stack.url, 'POST', '/v1/auth/refresh', { body: { refresh_token: user.refresh_token } });
    assert.equal(reused.status, 401);
    assert.equal(reused.body.error.code, 'unauthorized');

    const next = await http(stack.url, 'POST', '/v1/auth/refresh', { body: { refresh_token: first.body.refresh_token } });
    assert.equal(next.status, 401, 'the thief and the owner both lose the session');
    const sessionsCall = await http(stack.url, 'GET', '/v1/auth/sessions', { token: first.body.access_token });
    assert.equal(sessionsCall.status, 401);

    const unknown = await http(stack.url, 'POST', '/v1/auth/refresh', { body: { refresh_token: 'never-issued' } });
    assert.equal(unknown.status, 401);
    const missing = await http(stack.url, 'POST', '/v1/auth/refresh', { body: {} });
    assert.equal(missing.status, 422);
  });

  it('logout kills the access token at once, also after a Redis flush, and its refresh token', async () => {
    const user = await signUp(stack);
    assert.equal((await http(stack.url, 'GET', '/v1/auth/sessions', { token: user.token })).status, 200);
    const loggedOut = await http(stack.url, 'POST', '/v1/auth/logout', { token: user.token });
    assert.equal(loggedOut.status, 204);
    assert.equal((await http(stack.url, 'GET', '/v1/auth/sessions', { token: user.token })).status, 401);

    const otherEdge = await stack.addEdge();
    const viaOther = await http(`http://127.0.0.1:${otherEdge.port}`, 'GET', '/v1/auth/sessions', { token: user.token });
    assert.equal(viaOther.status, 401);

    await stack.infra.redis.del(stack.infra.key('session', decodeClaims(user.token).session_id));
    const afterFlush = await stack.addEdge();
    const viaFresh = await http(`http://127.0.0.1:${afterFlush.port}`, 'GET', '/v1/auth/sessions', { token: user.token });
    assert.equal(viaFresh.status, 401);
    const session = await Session.findByPk(decodeClaims(user.token).session_id);
    assert.ok(session!.revoked_at);

    const refreshed = await http(stack.url, 'POST', '/v1/auth/refresh', { body: { refresh_token: user.refresh_token } });
    assert.equal(refreshed.status, 401);
    assert.equal((await http(stack.url, 'POST', '/v1/auth/logout', {})).status, 401);
  });

  it('lists devices and revokes another one, but not another user\'s', async () => {
    const user = await signUp(stack);
    const phone = await http(stack.url, 'POST', '/v1/auth/login', {
      body: { email: user.email, password: TEST_PASSWORD }, headers: { 'user-agent': 'SaathiPhone/1.0' },
    });
    const list = await http(stack.url, 'GET', '/v1/auth/sessions', { token: user.token });
    assert.equal(list.body.items.length, 2);
    const phoneSession = list.body.items.find((item: { user_agent: string }) => item.user_agent === 'SaathiPhone/1.0');
    assert.ok(phoneSession);
    assert.equal(phoneSession.current, false);

    const stranger = await signUp(stack);
    const foreign = await http(stack.url, 'DELETE', `/v1/auth/sessions/${phoneSession.id}`, { token: stranger.token });
    assert.equal(foreign.status, 404);
    assert.equal((await http(stack.url, 'GET', '/v1/auth/sessions', { token: phone.body.access_token })).status, 200);

    const revoked = await http(stack.url, 'DELETE', `/v1/auth/sessions/${phoneSession.id}`, { token: user.token });
    assert.equal(revoked.status, 204);
    assert.equal((await http(stack.url, 'GET', '/v1/auth/sessions', { token: phone.body.access_token })).status, 401);
    assert.equal((await http(stack.url, 'GET', '/v1/auth/sessions', { token: user.token })).body.items.length, 1);
    assert.equal((await http(stack.url, 'GET', '/v1/auth/sessions')).status, 401);
  });

  it('puts app_metadata.role = "admin" in an admin\'s token', async () => {
    const admin = await signUp(stack, { admin: true });
    assert.equal(decodeClaims(admin.token).app_metadata.role, 'admin');
  });
});
