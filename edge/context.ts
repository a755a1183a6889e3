import type { RouterContext } from '@koa/router';
import type { Logger } from '../shared/logger.js';
import type { Plan } from '../shared/subjects.js';

/** Who is calling, once a bearer token has been verified. */
export interface AuthContext {
  user_id: string;
  email: string | null;
  session_id: string;
  is_admin: boolean;
  plan: Plan;
}

export interface EdgeState {
  requestId: string;
  log: Logger;
  rawBody?: Buffer;
  body?: unknown;
  auth?: AuthContext;
}

export type EdgeContext = RouterContext<EdgeState>;
