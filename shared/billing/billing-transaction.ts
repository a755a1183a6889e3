import { Op, Transaction } from 'sequelize';
import { Subscription, User } from '../db/models/index.js';
import { planChanged } from '../domain/plan.js';
import type { Infra } from '../infra.js';
import type { Plan } from '../subjects.js';
import { resolvePlan, type PlanResolution } from './plan-resolution.js';

const RETRIES = 5;
/**
 * Plan resolution reads all of a user's subscriptions after taking the user's row lock; under
 * READ COMMITTED that read sees what a concurrent event for another subscription just committed.
 */
const READ_COMMITTED = Transaction.ISOLATION_LEVELS.READ_COMMITTED;
const DEADLOCK = 1213;
const LOCK_WAIT_TIMEOUT = 1205;

const isLockConflict = (error: unknown): boolean => {
  const errno = (error as { parent?: { errno?: number } })?.parent?.errno;
  return errno === DEADLOCK || errno === LOCK_WAIT_TIMEOUT;
};

/** What a billing write does inside its transaction; `touch` marks a user whose plan may change. */
export type BillingWork<T> = (transaction: Transaction, touch: (userId: string | null | undefined) => void) => Promise<T>;

/**
 * Re-derives a user's plan from their subscriptions under a row lock on the user, and writes
 * users.plan / plan_expires_at when they differ. The billing pool is their only writer.
 */
export async function refreshUserPlan(infra: Infra, userId: string, transaction: Transaction): Promise<{ plan: Plan; changed: boolean } | null> {
  const user = await User.findByPk(userId, { attributes: ['id', 'plan', 'plan_expires_at'], transaction, lock: transaction.LOCK.UPDATE });
  if (!user) return null;
  const subscriptions = await Subscription.findAll({
    where: { user_id: userId, status: { [Op.notIn]: ['created'] } },
    attributes: ['status', 'current_end', 'cancel_at_period_end'],
    transaction,
  });
  const resolved: PlanResolution = resolvePlan(subscriptions, infra.clock.now(), infra.config.PRO_GRACE_DAYS);
  const sameExpiry = (user.plan_expires_at?.getTime() ?? null) === (resolved.expires_at?.getTime() ?? null);
  if (user.plan === resolved.plan && sameExpiry) return { plan: resolved.plan, changed: false };
  await User.update({ plan: resolved.plan, plan_expires_at: resolved.expires_at }, { where: { id: userId }, transaction });
  return { plan: resolved.plan, changed: user.plan !== resolved.plan };
}

/**
 * Runs one billing write in ONE MySQL transaction, retried on deadlocks (concurrent snapshots of a
 * subscription race for its row); then re-derives the plan of every touched user in the same
 * transaction, and after the commit tells every process about the plans that changed.
 */
export async function inBillingTransaction<T>(infra: Infra, work: BillingWork<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    const changed = new Map<string, Plan>();
    try {
      const result = await infra.sequelize.transaction({ isolationLevel: READ_COMMITTED }, async (transaction) => {
        const touched = new Set<string>();
        const value = await work(transaction, (userId) => {
          if (userId) touched.add(userId);
        });
        for (const userId of [...touched].sort()) {
          const outcome = await refreshUserPlan(infra, userId, transaction);
          if (outcome?.changed) changed.set(userId, outcome.plan);
        }
        return value;
      });
      for (const [userId, plan] of changed) {
        infra.log.info({ user_id: userId, plan }, 'plan changed');
        // Committed is committed: a lost notice only leaves caches to expire on their own.
        await planChanged(infra, userId, plan).catch((error: unknown) =>
          infra.log.warn({ err: error, user_id: userId }, 'could not announce a plan change'),
        );
      }
      return result;
    } catch (error) {
      if (!isLockConflict(error) || attempt >= RETRIES) throw error;
      infra.log.debug({ attempt }, 'billing transaction hit a lock conflict; retrying');
      await new Promise((resolve) => setTimeout(resolve, attempt * 20 + Math.random() * 30));
    }
  }
}
