import type { Pool } from '../runtime.js';

export const billingPool: Pool = {
  name: 'billing',
  handlers: [],
};
