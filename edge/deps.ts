import type { CharacterCatalogue } from '../shared/characters/index.js';
import type { Infra } from '../shared/infra.js';
import type { BlobStore } from '../shared/storage/index.js';
import type { JobsClient } from '../shared/jobs.js';
import type { AuthService } from './auth/index.js';
import type { SseHub } from './sse.js';

/** What route modules get: the process's connections and config, and the edge's open streams. */
export interface EdgeDeps {
  infra: Infra;
  sse: SseHub;
  /** The identity provider and the authenticator of protected routes. */
  auth: AuthService;
  /** This edge's in-process copy of the character catalogue, dropped on every `cache.characters`. */
  characters: CharacterCatalogue;
  /** Uploaded files (custom avatars). */
  storage: BlobStore;
  /** Enqueues and reads background jobs (admin). */
  jobs: JobsClient;
}
