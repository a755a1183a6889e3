import { createHash, randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify, type JWTPayload } from 'jose';
import type { Clock } from '../../shared/clock.js';
import type { Config } from '../../shared/config.js';
import { AppError } from '../../shared/errors.js';
import type { VerifiedToken } from './provider.js';

/** The `iss` of local tokens; Supabase's are `<SUPABASE_URL>/auth/v1`. */
export const LOCAL_ISSUER = 'saathi';
export const AUDIENCE = 'authenticated';

/** Supabase's access-token claim set (see fixtures/supabase/access_token_claims.json). */
export interface AccessClaims extends JWTPayload {
  sub: string;
  email: string | null;
  role: string;
  session_id: string;
  app_metadata: { provider?: string; providers?: string[]; role?: string };
  user_metadata: { display_name?: string | null; [key: string]: unknown };
}

export const unauthorized = (message = 'The access token is missing, invalid or expired') =>
  new AppError('unauthorized', message);

const secretKey = (secret: string) => new TextEncoder().encode(secret);
const seconds = (at: Date) => Math.floor(at.getTime() / 1000);

export interface IssuedAccessToken {
  token: string;
  expiresIn: number;
  expiresAt: number;
}

export async function signLocalAccessToken(
  config: Config,
  clock: Clock,
  subject: { id: string; email: string | null; display_name: string | null; session_id: string; is_admin: boolean },
): Promise<IssuedAccessToken> {
  const issuedAt = seconds(clock.now());
  const expiresAt = issuedAt + config.ACCESS_TOKEN_TTL_SECONDS;
  const claims: Omit<AccessClaims, 'sub'> = {
    email: subject.email,
    role: 'authenticated',
    session_id: subject.session_id,
    app_metadata: { provider: 'email', providers: ['email'], ...(subject.is_admin ? { role: 'admin' } : {}) },
    user_metadata: { display_name: subject.display_name },
  };
  const token = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(subject.id)
    .setIssuer(LOCAL_ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAt)
    .sign(secretKey(config.JWT_SECRET));
  return { token, expiresIn: config.ACCESS_TOKEN_TTL_SECONDS, expiresAt };
}

/** Reads Supabase's claim set out of a payload jose has already verified. */
export function toVerifiedToken(payload: JWTPayload): VerifiedToken {
  const claims = payload as Partial<AccessClaims>;
  if (typeof claims.sub !== 'string' || !claims.sub || typeof claims.session_id !== 'string' || !claims.session_id) {
    throw unauthorized('The access token lacks a subject or session');
  }
  if (claims.role !== undefined && claims.role !== 'authenticated') throw unauthorized('The access token is not a user token');
  const displayName = claims.user_metadata?.display_name;
  return {
    sub: claims.sub,
    email: typeof claims.email === 'string' && claims.email ? claims.email.toLowerCase() : null,
    session_id: claims.session_id,
    is_admin: claims.app_metadata?.role === 'admin',
    display_name: typeof displayName === 'string' ? displayName : null,
    exp: typeof claims.exp === 'number' ? claims.exp : 0,
  };
}

/** What every access token must satisfy, whoever signed it: algorithm, issuer, audience, expiry, subject. */
export const accessTokenChecks = (algorithms: string[], issuer: string, clock: Clock) => ({
  algorithms,
  issuer,
  audience: AUDIENCE,
  currentDate: clock.now(),
  requiredClaims: ['exp', 'sub'],
});

/** HS256 with a shared secret: the local provider, and legacy Supabase projects. */
export async function verifyHs256(token: string, secret: string, issuer: string, clock: Clock): Promise<VerifiedToken> {
  try {
    const { payload } = await jwtVerify(token, secretKey(secret), accessTokenChecks(['HS256'], issuer, clock));
    return toVerifiedToken(payload);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw unauthorized();
  }
}

/** Opaque refresh tokens: only their SHA-256 is stored, so a database leak yields no usable token. */
export const newRefreshToken = (): string => randomBytes(32).toString('base64url');
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');
