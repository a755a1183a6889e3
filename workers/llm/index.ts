import type { Pool } from '../runtime.js';

/**
 * The llm pool. Without OPENAI_API_KEY it runs the labelled offline stand-in and says so in its
 * ping, which `/readyz` reports.
 */
export const llmPool: Pool = {
  name: 'llm',
  handlers: [],
  describe: (infra) => ({ mode: infra.config.OPENAI_API_KEY ? 'openai' : 'offline' }),
};
