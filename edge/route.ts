import Router from '@koa/router';
import { z } from 'zod';
import { AppError } from '../shared/errors.js';
import type { AuthContext, EdgeContext, EdgeState } from './context.js';

export type Access = 'public' | 'user' | 'admin';
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
  contentType?: string;
}

/** A route's contract: what the pipeline validates and what /openapi.json publishes. */
export interface RouteSpec<Body extends z.ZodType | undefined, Query extends z.ZodType | undefined> {
  method: Method;
  /** Koa-style path (`/v1/characters/:id`). */
  path: string;
  summary: string;
  tag: string;
  access: Access;
  body?: Body;
  /** The handler reads the raw bytes itself (a signed webhook); without it, a route with no `body` takes none. */
  rawBody?: true;
  query?: Query;
  responses: Record<number, ResponseSpec>;
}

type Infer<T> = T extends z.ZodType ? z.output<T> : undefined;

export interface RouteInput<Body, Query, Auth> {
  body: Body;
  query: Query;
  params: Record<string, string>;
  auth: Auth;
}

type AuthFor<A extends Access> = A extends 'public' ? AuthContext | undefined : AuthContext;

export type Authenticate = (ctx: EdgeContext) => Promise<AuthContext>;

export type AnyRouteSpec = RouteSpec<z.ZodType | undefined, z.ZodType | undefined>;

const issuesOf = (error: z.ZodError) =>
  error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));

export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, where: string): z.output<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new AppError('validation_failed', `The ${where} is invalid`, { issues: issuesOf(parsed.error) });
  }
  return parsed.data;
}

/** What a route without a body schema accepts: nothing, or `{}`. A field sent to it is unknown (API.md: 422). */
const NO_BODY = z.strictObject({});

function bodyOf(spec: AnyRouteSpec, sent: unknown): unknown {
  if (spec.body) return parseOrThrow(spec.body, sent === undefined ? {} : sent, 'request body');
  if (sent !== undefined && !spec.rawBody) parseOrThrow(NO_BODY, sent, 'request body');
  return undefined;
}

/** `?language=` is the parameter left unset, as API.md's own templates (`?language=&interest=`) write it. */
const setParameters = (query: Record<string, unknown>) => Object.fromEntries(Object.entries(query).filter(([, value]) => value !== ''));

/**
 * A router whose routes are pipelines: authenticate → validate (zod) → handler. The handler's return
 * value becomes the JSON body; every spec is kept for the OpenAPI document.
 */
export class ApiRouter {
  readonly router = new Router<EdgeState>();
  readonly specs: AnyRouteSpec[] = [];

  constructor(private readonly authenticate: Authenticate) {}

  add<A extends Access, Body extends z.ZodType | undefined = undefined, Query extends z.ZodType | undefined = undefined>(
    spec: RouteSpec<Body, Query> & { access: A },
    handler: (ctx: EdgeContext, input: RouteInput<Infer<Body>, Infer<Query>, AuthFor<A>>) => Promise<unknown>,
  ): this {
    this.specs.push(spec as AnyRouteSpec);
    this.router[spec.method](spec.path, async (ctx) => {
      const context = ctx as EdgeContext;
      if (spec.access !== 'public') {
        context.state.auth = await this.authenticate(context);
        if (spec.access === 'admin' && !context.state.auth.is_admin) {
          throw new AppError('forbidden', 'This needs an administrator');
        }
      }
      const input = {
        body: bodyOf(spec as AnyRouteSpec, context.state.body) as Infer<Body>,
        query: (spec.query ? parseOrThrow(spec.query, setParameters(context.query), 'query string') : undefined) as Infer<Query>,
        params: context.params,
        auth: context.state.auth as AuthFor<A>,
      };
      const result = await handler(context, input);
      if (result !== undefined) context.body = result;
      else if (context.respond !== false && context.body === undefined) context.status = 204;
    });
    return this;
  }
}
