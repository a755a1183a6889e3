import Koa from 'koa';
import { CharacterCatalogue } from '../shared/characters/index.js';
import type { Infra } from '../shared/infra.js';
import { createBlobStore } from '../shared/storage/index.js';
import { JobsClient } from '../shared/jobs.js';
import type { EdgeState } from './context.js';
import type { EdgeDeps } from './deps.js';
import { jsonBody } from './middleware/body.js';
import { errorEnvelope } from './middleware/errors.js';
import { requestMetrics } from './middleware/metrics.js';
import { ipRateLimit } from './middleware/rate-limit.js';
import { requestId } from './middleware/request-id.js';
import { createAuthService } from './auth/index.js';
import { ApiRouter } from './route.js';
import { adminRoutes } from './routes/admin.js';
import { authRoutes } from './routes/auth.js';
import { characterAdminRoutes } from './routes/characters-admin.js';
import { characterRoutes } from './routes/characters.js';
import { catalogueRoutes } from './routes/catalogue.js';
import { conversationRoutes } from './routes/conversations.js';
import { docsRoutes } from './routes/docs.js';
import { generationRoutes } from './routes/generations.js';
import { healthRoutes } from './routes/health.js';
import { mediaRoutes } from './routes/media.js';
import { meRoutes } from './routes/me.js';
import { messageRoutes } from './routes/messages.js';
import { planRoutes } from './routes/plans.js';
import { subscriptionRoutes } from './routes/subscriptions.js';
import { usageRoutes } from './routes/usage.js';
import { webhookRoutes } from './routes/webhooks.js';
import { SseHub } from './sse.js';

export interface Edge {
  app: Koa<EdgeState>;
  api: ApiRouter;
  deps: EdgeDeps;
  sse: SseHub;
}

/** Composes the edge: request id → metrics/log → error envelope → per-IP limits → JSON body → routes. */
export function createEdge(infra: Infra): Edge {
  // Only the hop our proxy appended is trusted: a client's own X-Forwarded-For entries come before it.
  const app = new Koa<EdgeState>({ proxy: infra.config.TRUST_PROXY, maxIpsCount: 1 });
  const deps: EdgeDeps = {
    infra,
    sse: new SseHub(),
    auth: createAuthService(infra),
    jobs: new JobsClient(infra.config),
    characters: new CharacterCatalogue(infra).start(),
    storage: createBlobStore(infra.config),
  };
  const api = new ApiRouter(deps.auth.authenticator.authenticate);

  healthRoutes(api, deps);
  docsRoutes(api);
  authRoutes(api, deps);
  meRoutes(api, deps);
  catalogueRoutes(api, deps);
  usageRoutes(api, deps);
  characterRoutes(api, deps);
  characterAdminRoutes(api, deps);
  conversationRoutes(api, deps);
  messageRoutes(api, deps);
  generationRoutes(api, deps);
  mediaRoutes(api, deps);
  planRoutes(api, deps);
  subscriptionRoutes(api, deps);
  webhookRoutes(api, deps);
  adminRoutes(api, deps);

  app.silent = true;
  app.use(requestId(infra.log));
  app.use(requestMetrics());
  app.use(errorEnvelope());
  app.use(ipRateLimit(infra));
  app.use(jsonBody());
  app.use(api.router.routes());
  return { app, api, deps, sse: deps.sse };
}
