import { Op } from 'sequelize';
import { failGeneration } from '../../../shared/chat/finalize.js';
import { Message } from '../../../shared/db/models/index.js';
import type { Infra } from '../../../shared/infra.js';
import { aliveKey } from './publisher.js';

const SWEEP_EVERY_MS = 5000;
/** A generation gets this long to publish its first heartbeat before it can be judged. */
const GRACE_MS = 10_000;
const BATCH = 50;

/**
 * Fails generations whose worker died while no client was listening (a listening client's relay
 * notices first): still `generating`, and no heartbeat has refreshed their liveness mark. Each llm
 * instance sweeps; failing is conditional, so two sweepers never double-refund.
 */
export async function sweepDeadGenerations(infra: Infra): Promise<number> {
  const stale = await Message.findAll({
    where: { role: 'assistant', status: 'generating', created_at: { [Op.lt]: new Date(infra.clock.now().getTime() - GRACE_MS) } },
    attributes: ['generation_id'],
    limit: BATCH,
  });
  let failed = 0;
  for (const { generation_id: generationId } of stale) {
    if (!generationId || (await infra.redis.exists(aliveKey(infra, generationId)))) continue;
    if (await failGeneration(infra, generationId, 'unavailable', 'The reply was interrupted; you were not charged. Please try again.')) failed += 1;
  }
  return failed;
}

export function startWatchdog(infra: Infra): () => void {
  const timer = setInterval(() => {
    sweepDeadGenerations(infra).catch((error: Error) => infra.log.warn({ err: error.message }, 'generation watchdog sweep failed'));
  }, SWEEP_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
