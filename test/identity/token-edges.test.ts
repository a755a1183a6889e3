import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SignJWT, UnsecuredJWT } from 'jose';
import { DEV_JWT_SECRET } from '../../shared/config.js';
import { newId } from '../../shared/ids.js';
import { http } from '../helpers/http.js';
import { startStack, type TestStack } from '../helpers/stack.js';
import { signUp, type TestUser } from '../helpers/users.js';

const decodeClaims = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));

/** A token like the edge's own, with any claim, header or key changed. */
async function forge(claims: Record<string, unknown>, overrides: { secret?: string; alg?: string } = {}) {
  const present = Object.fromEntries(Object.entries(claims).filter(([, value]) => value !== undefined));
  return new SignJWT(present)
    .setProtectedHeader({ alg: overrides.alg ?? 'HS256', typ: 'JWT' })
    .sign(new TextEncoder().encode(overrides.secret ?? DEV_JWT_SECRET));
}

describe('every auth edge is a 401, never a 500', () => {
  let stack: TestStack;
  let user: TestUser;
  let claims: Record<string, unknown>;
  const expect401 = async (token: string | undefined, headers: Record<string, string> = {}) => {
    const response = await http(stack.url, 'GET', '/v1/me', { ...(token ? { token } : {}), headers });
    assert.equal(response.status, 401, `${token?.slice(0, 30)} ${JSON.stringify(response.body)}`);
    assert.equal(response.body.error.code, 'unauthorized');
    assert.ok(response.body.error.request_id);
  };

  before(async () => {
    stack = await startStack({ pools: [] });
    user = await signUp(stack);
    claims = decodeClaims(user.token);
  });
  after(async () => {
    await stack.close();
  });

  it('accepts the genuine token and a faithful re-signing of it', async () => {
    assert.equal((await http(stack.url, 'GET', '/v1/me', { token: user.token })).status, 200);
    assert.equal((await http(stack.url, 'GET', '/v1/me', { token: await forge(claims) })).status, 200);
  });

  it('refuses missing, malformed and garbage tokens', async () => {
    await expect401(undefined);
    await expect401(undefined, { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` });
    await expect401(undefined, { authorization: 'Bearer' });
    await expect401(undefined, { authorization: `Bearer ${user.token} extra` });
    await expect401('garbage');
    await expect401('a.b.c');
    await expect401(`${user.token.slice(0, -4)}AAAA`);
    await expect401('eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.c2ln');
  });

  it('refuses alg none, a wrong secret, a wrong audience or issuer', async () => {
    const { iat, exp, ...rest } = claims as { iat: number; exp: number };
    await expect401(new UnsecuredJWT(rest).setIssuedAt(iat).setExpirationTime(exp).encode());
    const [, payload] = user.token.split('.');
    await expect401(`${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`);
    await expect401(await forge(claims, { secret: 'an-entirely-different-secret-of-enough-length!' }));
    await expect401(await forge({ ...claims, aud: 'anon' }));
    await expect401(await forge({ ...claims, iss: 'https://evil.example/auth/v1' }));
    await expect401(await forge({ ...claims, role: 'service_role' }));
    await expect401(await forge({ ...claims, sub: undefined }));
    await expect401(await forge({ ...claims, exp: undefined }));
  });

  it('refuses a token naming an unknown user or session', async () => {
    await expect401(await forge({ ...claims, sub: newId() }));
    await expect401(await forge({ ...claims, session_id: newId() }));
    const other = await signUp(stack);
    await expect401(await forge({ ...claims, session_id: decodeClaims(other.token).session_id }));
  });

  it('refuses a token of a logged-out session and of an erased account', async () => {
    const leaving = await signUp(stack);
    assert.equal((await http(stack.url, 'POST', '/v1/auth/logout', { token: leaving.token })).status, 204);
    await expect401(leaving.token);

    const erased = await signUp(stack);
    assert.equal((await http(stack.url, 'GET', '/v1/me', { token: erased.token })).status, 200);
    assert.equal((await http(stack.url, 'DELETE', '/v1/me', { token: erased.token })).status, 202);
    await expect401(erased.token);
    const login = await http(stack.url, 'POST', '/v1/auth/login', { body: { email: erased.email, password: 'correct horse battery staple' } });
    assert.equal(login.status, 401);
    const refresh = await http(stack.url, 'POST', '/v1/auth/refresh', { body: { refresh_token: erased.refresh_token } });
    assert.equal(refresh.status, 401);
  });

  it('refuses an expired token, even one still in the cache', async () => {
    const fresh = await signUp(stack);
    assert.equal((await http(stack.url, 'GET', '/v1/me', { token: fresh.token })).status, 200);
    stack.clock.advance(3601 * 1000);
    try {
      await expect401(fresh.token);
      const refreshed = await http(stack.url, 'POST', '/v1/auth/refresh', { body: { refresh_token: fresh.refresh_token } });
      assert.equal(refreshed.status, 200, 'the refresh token outlives the access token');
      assert.equal((await http(stack.url, 'GET', '/v1/me', { token: refreshed.body.access_token })).status, 200);
    } finally {
      stack.clock.release();
    }
  });
});
