import { User } from '../../shared/db/models/index.js';
import { planChanged } from '../../shared/domain/plan.js';
import { newId } from '../../shared/ids.js';
import { callWorker } from '../../shared/rpc.js';
import type { Plan, QuotaReserveReply } from '../../shared/subjects.js';
import type { TestStack } from '../helpers/stack.js';

/** A user row only, for tests that talk to the quota pool over NATS without an edge. */
export async function insertUser(plan: Plan = 'free'): Promise<string> {
  const id = newId();
  await User.create({ id, email: `${id}@example.test`, plan });
  return id;
}

/** Sets the plan the way the billing pool does: users.plan, then planChanged. */
export async function setPlan(stack: TestStack, userId: string, plan: Plan): Promise<void> {
  await User.update({ plan }, { where: { id: userId } });
  await planChanged(stack.infra, userId, plan);
}

export const reserve = (stack: TestStack, userId: string, reservationId: string = newId()): Promise<QuotaReserveReply> =>
  callWorker(stack.infra.nc, stack.infra.subjects.quota.reserve, { user_id: userId, reservation_id: reservationId }, 5000);

export const refund = (stack: TestStack, userId: string, reservationId: string) =>
  callWorker(stack.infra.nc, stack.infra.subjects.quota.refund, { user_id: userId, reservation_id: reservationId }, 5000);

export const commit = (stack: TestStack, userId: string, reservationId: string, prompt = 10, completion = 20) =>
  callWorker(
    stack.infra.nc,
    stack.infra.subjects.quota.commit,
    { user_id: userId, reservation_id: reservationId, prompt_tokens: prompt, completion_tokens: completion },
    5000,
  );

export const status = (stack: TestStack, userId: string) =>
  callWorker(stack.infra.nc, stack.infra.subjects.quota.status, { user_id: userId }, 5000);
