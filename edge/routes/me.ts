import { nextIstMidnight } from '../../shared/clock.js';
import { AppError } from '../../shared/errors.js';
import type { Infra } from '../../shared/infra.js';
import { dailyLimit } from '../../shared/quota/limits.js';
import { profileQuota } from '../../shared/quota/present.js';
import { quotaStatus } from '../../shared/quota/client.js';
import { closeAccount } from '../../shared/users/erasure.js';
import { exportUserData } from '../../shared/users/export.js';
import { loadProfile, updateProfile, type StoredProfile } from '../../shared/users/profile.js';
import type { AuthContext } from '../context.js';
import type { EdgeDeps } from '../deps.js';
import type { ApiRouter } from '../route.js';
import { exportSchema, profilePatchBody, profileSchema } from './me.schema.js';

const unauthorizedResponse = { description: '`unauthorized`' };

/** The quota block; while the quota pool is down the profile still answers, with today's use unknown. */
async function quotaBlock(infra: Infra, auth: AuthContext) {
  try {
    return profileQuota(await quotaStatus(infra, auth.user_id));
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'unavailable') throw error;
    infra.log.warn({ user_id: auth.user_id }, 'quota pool not answering; profile served without today\'s use');
    return {
      daily_limit: dailyLimit(infra.config, auth.plan),
      used_today: null,
      remaining: null,
      resets_at: nextIstMidnight(infra.clock.now()).toISOString(),
    };
  }
}

async function present(infra: Infra, auth: AuthContext, { user, interests }: StoredProfile) {
  return {
    id: user.id,
    email: user.email,
    display_name: user.display_name,
    preferred_language: user.preferred_language,
    interests,
    plan: auth.plan,
    plan_expires_at: user.plan_expires_at?.toISOString() ?? null,
    quota: await quotaBlock(infra, auth),
    created_at: user.created_at.toISOString(),
  };
}

export function meRoutes(api: ApiRouter, { infra, auth: identity, jobs }: EdgeDeps): void {
  api.add(
    {
      method: 'get', path: '/v1/me', summary: 'The caller\'s profile, plan and quota', tag: 'profile', access: 'user',
      responses: { 200: { description: 'The profile', schema: profileSchema }, 401: unauthorizedResponse },
    },
    async (_ctx, { auth }) => present(infra, auth, await loadProfile(auth.user_id)),
  );

  api.add(
    {
      method: 'patch', path: '/v1/me', summary: 'Change display name, language or interests', tag: 'profile', access: 'user',
      body: profilePatchBody,
      responses: {
        200: { description: 'The updated profile', schema: profileSchema },
        401: unauthorizedResponse,
        422: { description: 'Unknown field (`plan`, `email` and `id` are not writable), language or interest' },
      },
    },
    async (_ctx, { auth, body }) => present(infra, auth, await updateProfile(infra, auth.user_id, body)),
  );

  api.add(
    {
      method: 'get', path: '/v1/me/export', summary: 'Everything stored about the caller (DPDP Act)', tag: 'profile', access: 'user',
      responses: { 200: { description: 'The export', schema: exportSchema }, 401: unauthorizedResponse },
    },
    async (ctx, { auth }) => {
      ctx.set('Content-Disposition', 'attachment; filename="saathi-export.json"');
      return exportUserData(infra, auth.user_id);
    },
  );

  api.add(
    {
      method: 'delete', path: '/v1/me', summary: 'Erase the account (DPDP Act): its tokens die at once, its conversations within seconds', tag: 'profile', access: 'user',
      responses: { 202: { description: 'The account is erased' }, 401: unauthorizedResponse },
    },
    async (ctx, { auth }) => {
      await closeAccount(infra, auth.user_id);
      identity.authenticator.forgetUser(auth.user_id);
      await jobs.enqueue('erasure', { user_id: auth.user_id }).catch((error: Error) =>
        ctx.state.log.warn({ err: error.message }, 'erasure job not queued; the hourly sweep will erase the content'),
      );
      ctx.status = 202;
      return { status: 'erased' };
    },
  );
}
