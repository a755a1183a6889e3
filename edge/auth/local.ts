import argon2 from 'argon2';
import { RefreshToken, Session, User } from '../../shared/db/models/index.js';
import { AppError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import type { Infra } from '../../shared/infra.js';
import { createUser, isAdmin, normaliseEmail } from '../../shared/users/provisioning.js';
import { revokeSessions } from '../../shared/users/sessions.js';
import type { AuthContext } from '../context.js';
import type { AuthProvider, Credentials, Device, SessionView, SignupInput } from './provider.js';
import { LOCAL_ISSUER, hashToken, newRefreshToken, signLocalAccessToken, unauthorized, verifyHs256 } from './tokens.js';

const argonOptions = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

const invalidCredentials = () => new AppError('invalid_credentials', 'The email or password is wrong');
const deadRefreshToken = () => unauthorized('The refresh token is invalid, used or expired');

/**
 * The edge's own identity provider: argon2id passwords, HS256 access tokens with Supabase's claim
 * set, and opaque refresh tokens that rotate on every use. A spent refresh token presented again
 * means it was copied: the whole session is revoked.
 */
export function localProvider(infra: Infra): AuthProvider {
  const { config, clock } = infra;
  /** Verified against when the email is unknown, so both failures cost one argon2 verification. */
  const decoyHash = argon2.hash('saathi-decoy-password', argonOptions);

  async function issue(user: User, session: Session): Promise<SessionView> {
    const refreshToken = newRefreshToken();
    await RefreshToken.create({ token_hash: hashToken(refreshToken), session_id: session.id });
    const access = await signLocalAccessToken(config, clock, {
      id: user.id,
      email: user.email,
      display_name: user.display_name,
      session_id: session.id,
      is_admin: isAdmin(config, user),
    });
    return {
      access_token: access.token,
      token_type: 'bearer',
      expires_in: access.expiresIn,
      expires_at: access.expiresAt,
      refresh_token: refreshToken,
      user: { id: user.id, email: user.email },
    };
  }

  async function openSession(user: User, device: Device): Promise<SessionView> {
    const expires_at = new Date(clock.now().getTime() + config.REFRESH_TOKEN_TTL_DAYS * 86_400_000);
    const session = await Session.create({ id: newId(), user_id: user.id, user_agent: device.user_agent, ip: device.ip, expires_at });
    return issue(user, session);
  }

  return {
    name: 'local',
    provisionsUsers: false,

    async signup(input: SignupInput, device: Device) {
      const password_hash = await argon2.hash(input.password, argonOptions);
      const user = await createUser(newId(), { email: input.email, password_hash, display_name: input.display_name ?? null });
      return openSession(user, device);
    },

    async login(input: Credentials, device: Device) {
      const user = await User.findOne({ where: { email: normaliseEmail(input.email), deleted_at: null } });
      const hash = user?.password_hash ?? (await decoyHash);
      const matches = await argon2.verify(hash, input.password).catch(() => false);
      if (!user || !user.password_hash || !matches) throw invalidCredentials();
      return openSession(user, device);
    },

    async refresh(refreshToken: string) {
      const stored = await RefreshToken.findByPk(hashToken(refreshToken));
      if (!stored) throw deadRefreshToken();
      const session = await Session.findByPk(stored.session_id);
      if (!session || session.revoked_at || session.expires_at <= clock.now()) throw deadRefreshToken();
      const [spent] = await RefreshToken.update(
        { used_at: clock.now() },
        { where: { token_hash: stored.token_hash, used_at: null } },
      );
      if (spent === 0) {
        infra.log.warn({ session_id: session.id, user_id: session.user_id }, 'refresh token reused; session revoked');
        await revokeSessions(infra, session.user_id, [session.id]);
        throw deadRefreshToken();
      }
      const user = await User.findByPk(session.user_id);
      if (!user || user.deleted_at) throw deadRefreshToken();
      await session.update({ last_seen_at: clock.now() });
      return issue(user, session);
    },

    async logout(auth: AuthContext) {
      await revokeSessions(infra, auth.user_id, [auth.session_id]);
    },

    verify: (accessToken: string) => verifyHs256(accessToken, config.JWT_SECRET, LOCAL_ISSUER, clock),
  };
}
