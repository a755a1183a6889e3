import type { Pool } from '../runtime.js';

export const quotaPool: Pool = {
  name: 'quota',
  handlers: [],
};
