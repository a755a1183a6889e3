import type { PoolName } from '../shared/subjects.js';
import { archivalPool } from './archival/index.js';
import { billingPool } from './billing/index.js';
import { llmPool } from './llm/index.js';
import type { Pool } from './runtime.js';
import { quotaPool } from './quota/index.js';

export const pools: Record<PoolName, Pool> = {
  llm: llmPool,
  quota: quotaPool,
  billing: billingPool,
  archival: archivalPool,
};
