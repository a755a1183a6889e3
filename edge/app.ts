import Koa from 'koa';
import { AppError } from '../shared/errors.js';
import type { Infra } from '../shared/infra.js';
import type { EdgeState } from './context.js';
import type { EdgeDeps } from './deps.js';
import { jsonBody } from './middleware/body.js';
import { errorEnvelope } from './middleware/errors.js';
import { requestMetrics } from './middleware/metrics.js';
import { requestId } from './middleware/request-id.js';
import { ApiRouter, type Authenticate } from './route.js';
import { docsRoutes } from './routes/docs.js';
import { healthRoutes } from './routes/health.js';
import { SseHub } from './sse.js';

export interface Edge {
  app: Koa<EdgeState>;
  api: ApiRouter;
  deps: EdgeDeps;
  sse: SseHub;
}

const noAuthenticator: Authenticate = async () => {
  throw new AppError('unauthorized', 'Authentication is required');
};

/** Composes the edge: request id → metrics/log → error envelope → JSON body → routes. */
export function createEdge(infra: Infra): Edge {
  const app = new Koa<EdgeState>({ proxy: infra.config.TRUST_PROXY });
  const deps: EdgeDeps = { infra, sse: new SseHub() };
  const api = new ApiRouter(noAuthenticator);

  healthRoutes(api, deps);
  docsRoutes(api);

  app.silent = true;
  app.use(requestId(infra.log));
  app.use(requestMetrics());
  app.use(errorEnvelope());
  app.use(jsonBody());
  app.use(api.router.routes());
  return { app, api, deps, sse: deps.sse };
}
