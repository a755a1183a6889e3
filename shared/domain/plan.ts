import { User } from '../db/models/index.js';
import type { Infra } from '../infra.js';
import { encodeJson } from '../rpc.js';
import type { Plan } from '../subjects.js';

const PLAN_CACHE_SECONDS = 300;

/**
 * A user's plan as the edge and the quota pool see it: Redis first, MySQL behind it. The billing
 * pool is the only writer (users.plan) and calls `planChanged` so nobody waits for a cache to expire.
 */
export async function currentPlan(infra: Infra, userId: string): Promise<Plan> {
  const key = infra.key('plan', userId);
  const cached = await infra.redis.get(key).catch(() => null);
  if (cached === 'free' || cached === 'pro') return cached;
  const user = await User.findByPk(userId, { attributes: ['plan'] });
  const plan: Plan = user?.plan ?? 'free';
  await infra.redis.set(key, plan, 'EX', PLAN_CACHE_SECONDS).catch(() => undefined);
  return plan;
}

/** Drops the cached plan everywhere and tells every process (edge caches, quota pool) at once. */
export async function planChanged(infra: Infra, userId: string, plan: Plan): Promise<void> {
  await infra.redis.del(infra.key('plan', userId)).catch(() => undefined);
  infra.nc.publish(infra.subjects.cache.planChanged.subject, encodeJson({ user_id: userId, plan }));
}
