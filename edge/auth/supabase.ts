import { createClient, type Session as SupabaseSession, type SupabaseClient } from '@supabase/supabase-js';
import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, errors as joseErrors, jwtVerify } from 'jose';
import WebSocket from 'ws';
import { AppError } from '../../shared/errors.js';
import type { Infra } from '../../shared/infra.js';
import { adoptSession, provisionUser } from '../../shared/users/provisioning.js';
import { revokeSessions, sessionState } from '../../shared/users/sessions.js';
import type { AuthContext } from '../context.js';
import type { AuthProvider, Credentials, Device, SessionView, SignupInput, VerifiedToken } from './provider.js';
import { toAppError } from './supabase-errors.js';
import { accessTokenChecks, toVerifiedToken, unauthorized, verifyHs256 } from './tokens.js';

/** Supabase's guidance: never cache the JWKS longer than 10 minutes. */
const JWKS_MAX_AGE_MS = 10 * 60 * 1000;
/** A token with an unknown `kid` refetches the JWKS, but at most this often (a flood of forged kids costs nothing). */
const JWKS_COOLDOWN_MS = 1000;
const JWKS_TIMEOUT_MS = 3000;
const SUPABASE_TIMEOUT_MS = 5000;

const asymmetric = ['ES256', 'RS256'];

/**
 * Supabase Auth behind the same interface: sign-up, login, refresh and logout go through
 * supabase-js; access tokens are verified here against the project's JWKS (or the legacy HS256
 * secret), with `iss`, `aud` and `exp` checked by us since `getClaims()` does not.
 */
export function supabaseProvider(infra: Infra): AuthProvider {
  const { config, clock } = infra;
  const baseUrl = config.SUPABASE_URL!.replace(/\/+$/, '');
  const issuer = `${baseUrl}/auth/v1`;
  const jwks = createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`), {
    cacheMaxAge: JWKS_MAX_AGE_MS,
    cooldownDuration: JWKS_COOLDOWN_MS,
    timeoutDuration: JWKS_TIMEOUT_MS,
  });

  /**
   * Bounds every call to Supabase, and turns a network failure into the 503 supabase-js already
   * treats as retryable (it would otherwise print the raw error to stderr itself).
   */
  const boundedFetch: typeof fetch = async (input, init) => {
    try {
      return await fetch(input, { ...init, signal: AbortSignal.timeout(SUPABASE_TIMEOUT_MS) });
    } catch (error) {
      infra.log.warn({ err: (error as Error).message }, 'supabase auth unreachable');
      return new Response(JSON.stringify({ message: 'unreachable' }), { status: 503, headers: { 'content-type': 'application/json' } });
    }
  };

  /** A client per call: a server must not share the in-memory session of one user with another (NOTES.md). */
  const client = (): SupabaseClient =>
    createClient(baseUrl, config.SUPABASE_ANON_KEY!, {
      realtime: { transport: WebSocket as never },
      auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
      global: { fetch: boundedFetch },
    });

  /** Records the user and the device of a session Supabase has just issued. */
  async function present(session: SupabaseSession | null, device: Device): Promise<SessionView> {
    if (!session) {
      throw new AppError('forbidden', 'Confirm your email address, then log in', { confirmation_required: true });
    }
    const claims = toVerifiedToken(decodeJwt(session.access_token));
    const user = await provisionUser({ id: claims.sub, email: claims.email, display_name: claims.display_name });
    if (user.deleted_at) throw unauthorized('This account has been deleted');
    await adoptSession(infra, claims.session_id, user.id, device);
    if ((await sessionState(infra, claims.session_id, user.id)) !== 'active') throw unauthorized('This session has been logged out');
    return {
      access_token: session.access_token,
      token_type: 'bearer',
      expires_in: session.expires_in,
      expires_at: session.expires_at ?? Math.floor(clock.now().getTime() / 1000) + session.expires_in,
      refresh_token: session.refresh_token,
      user: { id: session.user.id, email: session.user.email ?? null },
    };
  }

  type Answer = { data: { session: SupabaseSession | null }; error: Error | null };
  const sessionOf = async (work: Promise<Answer>): Promise<SupabaseSession | null> => {
    const { data, error } = await work.catch((thrown: Error): Answer => ({ data: { session: null }, error: thrown }));
    if (error) throw toAppError(error);
    return data.session;
  };

  async function verifyAsymmetric(token: string): Promise<VerifiedToken> {
    try {
      const { payload } = await jwtVerify(token, jwks, accessTokenChecks(asymmetric, issuer, clock));
      return toVerifiedToken(payload);
    } catch (error) {
      if (error instanceof AppError) throw error;
      if (error instanceof joseErrors.JWKSTimeout || !(error instanceof joseErrors.JOSEError)) {
        infra.log.warn({ err: (error as Error).message }, 'supabase JWKS unreachable');
        throw new AppError('unavailable', 'The identity service is not answering; try again shortly');
      }
      throw unauthorized();
    }
  }

  return {
    name: 'supabase',
    provisionsUsers: true,

    async signup(input: SignupInput, device: Device) {
      const session = await sessionOf(
        client().auth.signUp({
          email: input.email,
          password: input.password,
          options: { data: input.display_name ? { display_name: input.display_name } : {} },
        }),
      );
      return present(session, device);
    },

    async login(input: Credentials, device: Device) {
      const session = await sessionOf(client().auth.signInWithPassword({ email: input.email, password: input.password }));
      return present(session, device);
    },

    async refresh(refreshToken: string, device: Device) {
      const session = await sessionOf(client().auth.refreshSession({ refresh_token: refreshToken }));
      return present(session, device);
    },

    async logout(auth: AuthContext, accessToken: string) {
      await revokeSessions(infra, auth.user_id, [auth.session_id]);
      const { error } = await client().auth.admin.signOut(accessToken, 'local');
      if (error) infra.log.warn({ err: error.message, session_id: auth.session_id }, 'supabase logout failed; revoked locally');
    },

    async verify(accessToken: string) {
      let alg: string | undefined;
      try {
        alg = decodeProtectedHeader(accessToken).alg;
      } catch {
        throw unauthorized();
      }
      if (alg === 'HS256' && config.SUPABASE_JWT_SECRET) {
        return verifyHs256(accessToken, config.SUPABASE_JWT_SECRET, issuer, clock);
      }
      if (!alg || !asymmetric.includes(alg)) throw unauthorized();
      return verifyAsymmetric(accessToken);
    },
  };
}
