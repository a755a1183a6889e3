import type { Infra } from '../shared/infra.js';
import type { SseHub } from './sse.js';

/** What route modules get: the process's connections and config, and the edge's open streams. */
export interface EdgeDeps {
  infra: Infra;
  sse: SseHub;
}
