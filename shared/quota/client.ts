import type { Infra } from '../infra.js';
import { callWorker } from '../rpc.js';
import type { QuotaSnapshot, TokenUsage } from '../subjects.js';
import { acceptReservation } from './present.js';

/**
 * What the edge and the llm pool call: the quota pool's subjects with the process's RPC timeout.
 * A pool that does not answer is `unavailable` (503), so nothing is charged without an answer.
 */

/** Charges one message or throws 429 `quota_exceeded` / `rate_limited` (with their headers). */
export async function reserveMessage(infra: Infra, userId: string, reservationId: string): Promise<QuotaSnapshot> {
  const reply = await callWorker(infra.nc, infra.subjects.quota.reserve, { user_id: userId, reservation_id: reservationId }, infra.config.RPC_TIMEOUT_MS);
  return acceptReservation(reply);
}

/** Gives a reserved message back (a generation that failed); idempotent per reservation. */
export async function refundMessage(infra: Infra, userId: string, reservationId: string): Promise<boolean> {
  const reply = await callWorker(infra.nc, infra.subjects.quota.refund, { user_id: userId, reservation_id: reservationId }, infra.config.RPC_TIMEOUT_MS);
  return reply.refunded;
}

/** Records the tokens a reply used; counts the message in usage once per reservation. */
export async function commitMessage(infra: Infra, userId: string, reservationId: string, usage: TokenUsage): Promise<boolean> {
  const reply = await callWorker(
    infra.nc,
    infra.subjects.quota.commit,
    { user_id: userId, reservation_id: reservationId, ...usage },
    infra.config.RPC_TIMEOUT_MS,
  );
  return reply.committed;
}

/** The `quota` block of GET /v1/me: today's limit, use and reset, without charging anything. */
export const quotaStatus = (infra: Infra, userId: string): Promise<QuotaSnapshot> =>
  callWorker(infra.nc, infra.subjects.quota.status, { user_id: userId }, infra.config.RPC_TIMEOUT_MS);
