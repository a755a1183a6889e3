import type { AuthContext } from '../context.js';

/** Where a session was opened from, shown in GET /v1/auth/sessions. */
export interface Device {
  user_agent: string | null;
  ip: string | null;
}

export interface Credentials {
  email: string;
  password: string;
}

export interface SignupInput extends Credentials {
  display_name?: string | undefined;
}

/** API.md's Session: what signup, login and refresh answer with either provider. */
export interface SessionView {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
  /** Unix seconds, as Supabase returns it. */
  expires_at: number;
  refresh_token: string;
  user: { id: string; email: string | null };
}

/** What a verified access token tells us, whichever provider signed it. */
export interface VerifiedToken {
  sub: string;
  email: string | null;
  session_id: string;
  is_admin: boolean;
  display_name: string | null;
  /** Unix seconds. */
  exp: number;
}

/**
 * One interface for both identity back ends (AUTH_PROVIDER). Every failure is an AppError from
 * API.md's catalogue; a token that does not verify is always `unauthorized`.
 */
export interface AuthProvider {
  readonly name: 'local' | 'supabase';
  /**
   * Whether a valid token may name a user or session this database has not seen yet (Supabase
   * issues them elsewhere); the local provider only knows what it created itself.
   */
  readonly provisionsUsers: boolean;
  signup(input: SignupInput, device: Device): Promise<SessionView>;
  login(input: Credentials, device: Device): Promise<SessionView>;
  refresh(refreshToken: string, device: Device): Promise<SessionView>;
  logout(auth: AuthContext, accessToken: string): Promise<void>;
  verify(accessToken: string): Promise<VerifiedToken>;
}
