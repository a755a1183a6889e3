import type { Pool } from '../runtime.js';

export const archivalPool: Pool = {
  name: 'archival',
  handlers: [],
};
