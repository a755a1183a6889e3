import { notFound } from '../../shared/errors.js';
import { liveSessions, revokeSessions } from '../../shared/users/sessions.js';
import { bearerToken } from '../auth/authenticate.js';
import { deviceOf } from '../auth/index.js';
import type { EdgeDeps } from '../deps.js';
import type { ApiRouter } from '../route.js';
import { deviceListSchema, loginBody, refreshBody, sessionSchema, signupBody } from './auth.schema.js';

const unauthorizedResponse = { description: '`unauthorized`: no, invalid, expired or logged-out token' };

export function authRoutes(api: ApiRouter, { infra, auth }: EdgeDeps): void {
  const { provider, authenticator } = auth;

  api.add(
    {
      method: 'post', path: '/v1/auth/signup', summary: 'Create an account (18+ only)', tag: 'auth', access: 'public',
      body: signupBody,
      responses: { 201: { description: 'A session for the new account', schema: sessionSchema }, 409: { description: 'The email is taken' } },
    },
    async (ctx, { body }) => {
      const session = await provider.signup(body, deviceOf(ctx));
      ctx.status = 201;
      return session;
    },
  );

  api.add(
    {
      method: 'post', path: '/v1/auth/login', summary: 'Log in with email and password', tag: 'auth', access: 'public',
      body: loginBody,
      responses: { 200: { description: 'A new session', schema: sessionSchema }, 401: { description: '`invalid_credentials`' } },
    },
    async (ctx, { body }) => provider.login(body, deviceOf(ctx)),
  );

  api.add(
    {
      method: 'post', path: '/v1/auth/refresh', summary: 'Trade a refresh token for a new session (rotates it)', tag: 'auth', access: 'public',
      body: refreshBody,
      responses: { 200: { description: 'The session with new tokens', schema: sessionSchema }, 401: { description: 'Unknown, used or expired refresh token' } },
    },
    async (ctx, { body }) => provider.refresh(body.refresh_token, deviceOf(ctx)),
  );

  api.add(
    {
      method: 'post', path: '/v1/auth/logout', summary: 'End this session: its tokens die at once', tag: 'auth', access: 'user',
      responses: { 204: { description: 'Logged out' }, 401: unauthorizedResponse },
    },
    async (ctx, { auth: caller }) => {
      await provider.logout(caller, bearerToken(ctx));
      authenticator.forgetSession(caller.session_id);
    },
  );

  api.add(
    {
      method: 'get', path: '/v1/auth/sessions', summary: 'The devices signed in to this account', tag: 'auth', access: 'user',
      responses: { 200: { description: 'Live sessions, latest first', schema: deviceListSchema }, 401: unauthorizedResponse },
    },
    async (_ctx, { auth: caller }) => {
      const sessions = await liveSessions(infra, caller.user_id);
      return {
        items: sessions.map((session) => ({
          id: session.id,
          user_agent: session.user_agent,
          ip: session.ip,
          created_at: session.created_at.toISOString(),
          last_seen_at: session.last_seen_at.toISOString(),
          expires_at: session.expires_at.toISOString(),
          current: session.id === caller.session_id,
        })),
      };
    },
  );

  api.add(
    {
      method: 'delete', path: '/v1/auth/sessions/:id', summary: 'Log a device out (e.g. a lost phone)', tag: 'auth', access: 'user',
      responses: { 204: { description: 'The session is revoked' }, 401: unauthorizedResponse, 404: { description: 'No such live session of yours' } },
    },
    async (_ctx, { auth: caller, params }) => {
      const sessions = await liveSessions(infra, caller.user_id);
      if (!sessions.some((session) => session.id === params.id)) throw notFound('session');
      await revokeSessions(infra, caller.user_id, [params.id!]);
      authenticator.forgetSession(params.id!);
    },
  );
}
