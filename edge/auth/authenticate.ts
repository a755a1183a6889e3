import { User } from '../../shared/db/models/index.js';
import { currentPlan } from '../../shared/domain/plan.js';
import type { Infra } from '../../shared/infra.js';
import { decodeJson } from '../../shared/rpc.js';
import type { PlanChanged, SessionRevoked } from '../../shared/subjects.js';
import { adoptSession, provisionUser } from '../../shared/users/provisioning.js';
import { sessionState } from '../../shared/users/sessions.js';
import type { AuthContext, EdgeContext } from '../context.js';
import type { Authenticate } from '../route.js';
import type { AuthProvider } from './provider.js';
import { unauthorized } from './tokens.js';

/** How long a verified token is trusted without crypto or a database read. */
const CACHE_MS = 30_000;
const CACHE_MAX_ENTRIES = 50_000;

interface Cached {
  auth: AuthContext;
  until: number;
}

export const bearerToken = (ctx: EdgeContext): string => {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(ctx.get('Authorization'));
  if (!match?.[1]) throw unauthorized('A bearer token is required');
  return match[1];
};

/**
 * Turns a bearer token into an AuthContext. Verified tokens are kept in memory for a few seconds;
 * a logout, an erasure or a plan change anywhere drops them on every edge through NATS.
 */
export class Authenticator {
  private readonly cache = new Map<string, Cached>();

  constructor(
    private readonly infra: Infra,
    private readonly provider: AuthProvider,
  ) {
    infra.nc.subscribe(infra.subjects.cache.sessionRevoked.subject, {
      callback: (_error, msg) => this.forgetSession(decodeJson<SessionRevoked>(msg.data).session_id),
    });
    infra.nc.subscribe(infra.subjects.cache.planChanged.subject, {
      callback: (_error, msg) => this.forgetUser(decodeJson<PlanChanged>(msg.data).user_id),
    });
  }

  readonly authenticate: Authenticate = async (ctx) => {
    const token = bearerToken(ctx);
    const now = this.infra.clock.now().getTime();
    const cached = this.cache.get(token);
    if (cached && cached.until > now) return cached.auth;
    if (cached) this.cache.delete(token);

    const verified = await this.provider.verify(token);
    const user = this.provider.provisionsUsers
      ? await provisionUser({ id: verified.sub, email: verified.email, display_name: verified.display_name })
      : await User.findByPk(verified.sub);
    if (!user || user.deleted_at) throw unauthorized('This account no longer exists');

    let state = await sessionState(this.infra, verified.session_id, user.id);
    if (state === 'missing' && this.provider.provisionsUsers) {
      await adoptSession(this.infra, verified.session_id, user.id, { user_agent: ctx.get('User-Agent') || null, ip: ctx.ip || null });
      state = await sessionState(this.infra, verified.session_id, user.id);
    }
    if (state !== 'active') throw unauthorized('This session has been logged out');

    const auth: AuthContext = {
      user_id: user.id,
      email: user.email,
      session_id: verified.session_id,
      is_admin: verified.is_admin,
      plan: await currentPlan(this.infra, user.id),
    };
    this.remember(token, auth, Math.min(now + CACHE_MS, verified.exp * 1000));
    return auth;
  };

  forgetSession(sessionId: string): void {
    for (const [token, entry] of this.cache) if (entry.auth.session_id === sessionId) this.cache.delete(token);
  }

  forgetUser(userId: string): void {
    for (const [token, entry] of this.cache) if (entry.auth.user_id === userId) this.cache.delete(token);
  }

  private remember(token: string, auth: AuthContext, until: number): void {
    if (this.cache.size >= CACHE_MAX_ENTRIES) {
      const oldest = this.cache.keys().next();
      if (!oldest.done) this.cache.delete(oldest.value);
    }
    this.cache.set(token, { auth, until });
  }
}
