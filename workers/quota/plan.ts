import { currentPlan } from '../../shared/domain/plan.js';
import { AppError } from '../../shared/errors.js';
import type { Infra } from '../../shared/infra.js';
import type { Plan } from '../../shared/subjects.js';

/**
 * The user's plan, read fresh for every decision (Redis cache that billing's `planChanged` clears,
 * MySQL behind it), so an upgrade counts from the very next message. MySQL down is `unavailable`.
 */
export async function planOf(infra: Infra, userId: string): Promise<Plan> {
  try {
    return await currentPlan(infra, userId);
  } catch (error) {
    infra.log.warn({ err: error, user_id: userId }, 'plan lookup failed');
    throw new AppError('unavailable', 'The quota service cannot read the plan right now');
  }
}
