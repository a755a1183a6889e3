import { decodeJson } from '../../shared/rpc.js';
import type { Pool } from '../runtime.js';
import { registryFor } from './generation/registry.js';
import { userFactsFor } from './generation/user-facts.js';
import { startWatchdog } from './generation/watchdog.js';
import { generateHandler } from './handlers/generate.js';
import { modelFor } from './model/index.js';

/**
 * The llm pool. Without OPENAI_API_KEY it runs the labelled offline stand-in and says so in its
 * ping, which `/readyz` reports. Cancels reach every instance; the one running the generation stops it.
 * A watchdog fails generations whose worker died with nobody listening.
 */
export const llmPool: Pool = {
  name: 'llm',
  handlers: [generateHandler],
  describe: (infra) => ({ mode: infra.config.OPENAI_API_KEY ? 'openai' : 'offline' }),
  start: async (infra) => {
    modelFor(infra);
    const cancels = infra.nc.subscribe(infra.subjects.chat.cancelAll.subject, {
      callback: (_error, msg) => {
        const { generation_id: generationId } = decodeJson<{ generation_id: string }>(msg.data);
        if (registryFor(infra).stop(generationId, 'cancelled')) infra.log.info({ generationId }, 'generation cancelled');
      },
    });
    const stopWatchdog = startWatchdog(infra);
    const stopFollowingProfiles = userFactsFor(infra).follow();
    return async () => {
      stopWatchdog();
      stopFollowingProfiles();
      cancels.unsubscribe();
      await registryFor(infra).shutdown(Math.max(0, infra.config.SHUTDOWN_GRACE_MS - 1000));
    };
  },
};
