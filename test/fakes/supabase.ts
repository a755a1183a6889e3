import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, jwtVerify, type CryptoKey, type JWK } from 'jose';

/**
 * A fake Supabase Auth (GoTrue) speaking its real JSON (../shared/fixtures/supabase/): email sign-up
 * with auto-confirm, password and refresh-token grants with rotation, logout, and a JWKS serving
 * the ES256 keys it signs with. With `legacySecret` it signs HS256 and serves an empty JWKS, as a
 * legacy project does.
 */
export interface FakeSupabase {
  /** The project URL (SUPABASE_URL); GoTrue lives under /auth/v1. */
  url: string;
  anonKey: string;
  issuer: string;
  /** Method and path (with query) of every request, and whether it carried the anon key. */
  requests: Array<{ method: string; path: string; apikey: boolean }>;
  jwksFetches: () => number;
  /** A new signing key; the old one leaves the JWKS. Returns the new kid. */
  rotateKey: () => Promise<string>;
  /** An access token for an existing user, as GoTrue would mint it, with any claim or header changed. */
  mintToken: (email: string, tweak?: { claims?: Record<string, unknown>; kid?: string; key?: CryptoKey | Uint8Array; alg?: string }) => Promise<string>;
  /** A user created elsewhere (the Supabase dashboard, another app); returns their id. */
  createUser: (email: string, password: string, displayName?: string) => string;
  setAppRole: (email: string, role: string | undefined) => void;
  close: () => Promise<void>;
}

interface FakeUser {
  id: string;
  email: string;
  password: string;
  user_metadata: Record<string, unknown>;
  app_metadata: Record<string, unknown>;
  created_at: string;
}

const TOKEN_LIFE_S = 3600;

async function readJson(req: IncomingMessage): Promise<Record<string, any>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : {};
}

/** GoTrue's error body for API version 2024-01-01 (what supabase-js asks for). */
const fail = (res: ServerResponse, status: number, code: string, message: string, extra: Record<string, unknown> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', 'x-supabase-api-version': '2024-01-01' });
  res.end(JSON.stringify({ code, message, ...extra }));
};

const ok = (res: ServerResponse, body: unknown, status = 200) => {
  res.writeHead(status, { 'content-type': 'application/json', 'x-supabase-api-version': '2024-01-01' });
  res.end(JSON.stringify(body));
};

export async function startFakeSupabase(options: { legacySecret?: string } = {}): Promise<FakeSupabase> {
  const anonKey = `anon-${randomBytes(8).toString('hex')}`;
  const users = new Map<string, FakeUser>();
  const sessions = new Map<string, { user_id: string; revoked: boolean }>();
  const refreshTokens = new Map<string, { session_id: string; used: boolean }>();
  const requests: FakeSupabase['requests'] = [];
  let jwksFetches = 0;
  let signing: { kid: string; privateKey: CryptoKey; jwk: JWK };

  const newKey = async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const kid = randomUUID();
    signing = { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig', key_ops: ['verify'] } };
    return kid;
  };
  await newKey();

  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const issuer = `${url}/auth/v1`;
  const legacyKey = options.legacySecret ? new TextEncoder().encode(options.legacySecret) : null;

  const publicUser = (user: FakeUser) => ({
    id: user.id, aud: 'authenticated', role: 'authenticated', email: user.email, email_confirmed_at: user.created_at, phone: '',
    confirmation_sent_at: user.created_at, confirmed_at: user.created_at, last_sign_in_at: new Date().toISOString(),
    app_metadata: user.app_metadata, user_metadata: user.user_metadata,
    identities: [{
      identity_id: randomUUID(), id: user.id, user_id: user.id,
      identity_data: { email: user.email, email_verified: true, phone_verified: false, sub: user.id },
      provider: 'email', last_sign_in_at: user.created_at, created_at: user.created_at, updated_at: user.created_at, email: user.email,
    }],
    created_at: user.created_at, updated_at: new Date().toISOString(), is_anonymous: false,
  });

  async function accessToken(user: FakeUser, sessionId: string, tweak: Parameters<FakeSupabase['mintToken']>[1] = {}) {
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: issuer, sub: user.id, aud: 'authenticated', exp: now + TOKEN_LIFE_S, iat: now, email: user.email, phone: '',
      app_metadata: user.app_metadata, user_metadata: user.user_metadata, role: 'authenticated', aal: 'aal1',
      amr: [{ method: 'password', timestamp: now }], session_id: sessionId, is_anonymous: false, ...tweak.claims,
    };
    const present = Object.fromEntries(Object.entries(claims).filter(([, value]) => value !== undefined));
    const alg = tweak.alg ?? (legacyKey ? 'HS256' : 'ES256');
    const header = alg === 'HS256' ? { alg, typ: 'JWT' } : { alg, kid: tweak.kid ?? signing.kid, typ: 'JWT' };
    return new SignJWT(present).setProtectedHeader(header).sign(tweak.key ?? legacyKey ?? signing.privateKey);
  }

  async function session(user: FakeUser, sessionId: string = randomUUID()) {
    sessions.set(sessionId, { user_id: user.id, revoked: false });
    const refresh_token = randomBytes(9).toString('base64url').slice(0, 12);
    refreshTokens.set(refresh_token, { session_id: sessionId, used: false });
    return {
      access_token: await accessToken(user, sessionId), token_type: 'bearer', expires_in: TOKEN_LIFE_S,
      expires_at: Math.floor(Date.now() / 1000) + TOKEN_LIFE_S, refresh_token, user: publicUser(user),
    };
  }

  const createUser = (email: string, password: string, displayName?: string): string => {
    const id = randomUUID();
    users.set(email.toLowerCase(), {
      id, email: email.toLowerCase(), password, created_at: new Date().toISOString(),
      app_metadata: { provider: 'email', providers: ['email'] },
      user_metadata: { email, email_verified: true, phone_verified: false, sub: id, ...(displayName ? { display_name: displayName } : {}) },
    });
    return id;
  };

  const routes: Record<string, (req: IncomingMessage, res: ServerResponse, query: URLSearchParams) => Promise<void>> = {
    'GET /auth/v1/.well-known/jwks.json': async (_req, res) => {
      jwksFetches += 1;
      ok(res, { keys: legacyKey ? [] : [signing.jwk] });
    },
    'POST /auth/v1/signup': async (req, res) => {
      const body = await readJson(req);
      if (typeof body.password !== 'string' || body.password.length < 6) {
        return fail(res, 422, 'weak_password', 'Password should be at least 6 characters.', { weak_password: { reasons: ['length'] } });
      }
      if (users.has(String(body.email).toLowerCase())) return fail(res, 422, 'user_already_exists', 'User already registered');
      createUser(String(body.email), body.password, body.data?.display_name);
      ok(res, await session(users.get(String(body.email).toLowerCase())!));
    },
    'POST /auth/v1/token': async (req, res, query) => {
      const body = await readJson(req);
      if (query.get('grant_type') === 'password') {
        const user = users.get(String(body.email).toLowerCase());
        if (!user || user.password !== body.password) return fail(res, 400, 'invalid_credentials', 'Invalid login credentials');
        return ok(res, await session(user));
      }
      if (query.get('grant_type') === 'refresh_token') {
        const stored = refreshTokens.get(String(body.refresh_token));
        if (!stored) return fail(res, 400, 'refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
        const owner = sessions.get(stored.session_id)!;
        if (stored.used) {
          owner.revoked = true;
          return fail(res, 400, 'refresh_token_already_used', 'Invalid Refresh Token: Already Used');
        }
        if (owner.revoked) return fail(res, 400, 'session_not_found', 'Session not found');
        stored.used = true;
        const user = [...users.values()].find((candidate) => candidate.id === owner.user_id)!;
        return ok(res, await session(user, stored.session_id));
      }
      fail(res, 400, 'validation_failed', 'Unsupported grant type');
    },
    'POST /auth/v1/logout': async (req, res) => {
      const token = req.headers.authorization?.replace(/^Bearer /, '') ?? '';
      try {
        const { payload } = await jwtVerify(token, legacyKey ?? signing.privateKey, { issuer });
        const found = sessions.get(String(payload.session_id));
        if (found) found.revoked = true;
      } catch {
        return fail(res, 401, 'bad_jwt', 'invalid JWT');
      }
      res.writeHead(204).end();
    },
  };

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const parsed = new URL(req.url ?? '/', url);
    requests.push({ method: req.method ?? '', path: `${parsed.pathname}${parsed.search}`, apikey: req.headers.apikey === anonKey });
    const route = routes[`${req.method} ${parsed.pathname}`];
    if (!route) return fail(res, 404, 'not_found', 'Not found');
    if (req.headers.apikey !== anonKey && !parsed.pathname.endsWith('jwks.json')) return fail(res, 401, 'no_authorization', 'Invalid API key');
    route(req, res, parsed.searchParams).catch((error: Error) => fail(res, 500, 'unexpected_failure', error.message));
  });

  return {
    url, anonKey, issuer, requests,
    jwksFetches: () => jwksFetches,
    rotateKey: newKey,
    mintToken: async (email, tweak) => {
      const user = users.get(email.toLowerCase());
      if (!user) throw new Error(`no fake user ${email}`);
      const sessionId = randomUUID();
      sessions.set(sessionId, { user_id: user.id, revoked: false });
      return accessToken(user, sessionId, tweak);
    },
    createUser,
    setAppRole: (email, role) => {
      const user = users.get(email.toLowerCase())!;
      const { role: _old, ...rest } = user.app_metadata;
      user.app_metadata = role ? { ...rest, role } : rest;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
