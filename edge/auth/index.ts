import type { Infra } from '../../shared/infra.js';
import type { EdgeContext } from '../context.js';
import { Authenticator } from './authenticate.js';
import { localProvider } from './local.js';
import type { AuthProvider, Device } from './provider.js';
import { supabaseProvider } from './supabase.js';

/** The edge's identity: the configured provider and the authenticator every protected route runs. */
export interface AuthService {
  provider: AuthProvider;
  authenticator: Authenticator;
}

export function createAuthService(infra: Infra): AuthService {
  const provider = infra.config.AUTH_PROVIDER === 'supabase' ? supabaseProvider(infra) : localProvider(infra);
  return { provider, authenticator: new Authenticator(infra, provider) };
}

export const deviceOf = (ctx: EdgeContext): Device => ({
  user_agent: ctx.get('User-Agent').slice(0, 255) || null,
  ip: ctx.ip || null,
});
