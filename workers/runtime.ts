import type { Subscription } from '@nats-io/transport-node';
import type { z } from 'zod';
import { AppError } from '../shared/errors.js';
import type { Infra } from '../shared/infra.js';
import { decodeJson, encodeJson } from '../shared/rpc.js';
import type { PingReply, PoolName, ReplyOf, RequestOf, RpcEnvelope, RpcSubject, Subjects } from '../shared/subjects.js';

/**
 * One request/reply endpoint of a pool: which subject, what a valid request looks like, and what to
 * do with it. Errors travel back as `{code, message}` and are rebuilt as AppErrors by the caller.
 */
export interface WorkerHandler<S extends RpcSubject<unknown, unknown> = RpcSubject<unknown, unknown>> {
  subject: (subjects: Subjects) => S;
  schema: z.ZodType<RequestOf<S>>;
  handle: (request: RequestOf<S>, infra: Infra) => Promise<ReplyOf<S>>;
}

export const defineHandler = <S extends RpcSubject<unknown, unknown>>(handler: WorkerHandler<S>): WorkerHandler<S> => handler;

/** A worker pool: its endpoints, plus any long-running consumer it runs (JetStream, BullMQ). */
export interface Pool {
  name: PoolName;
  handlers: WorkerHandler<RpcSubject<unknown, unknown>>[];
  /** Extra fields the pool reports when pinged. */
  describe?: (infra: Infra) => Partial<PingReply>;
  /** Starts background consumers; resolves to the function that stops them. */
  start?: (infra: Infra) => Promise<() => Promise<void>>;
}

export interface RunningPool {
  name: PoolName;
  stop: () => Promise<void>;
}

const toEnvelope = (error: unknown): RpcEnvelope<never> => {
  if (error instanceof AppError) return { ok: false, error: error.toBody(), headers: error.headers };
  return { ok: false, error: { code: 'internal', message: 'The worker failed to handle the request' } };
};

async function answer(infra: Infra, pool: Pool, handler: WorkerHandler, data: Uint8Array): Promise<RpcEnvelope<unknown>> {
  try {
    const parsed = handler.schema.safeParse(decodeJson(data));
    if (!parsed.success) {
      throw new AppError('validation_failed', 'The worker request is malformed', {
        issues: parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
      });
    }
    return { ok: true, data: await handler.handle(parsed.data, infra) };
  } catch (error) {
    if (!(error instanceof AppError)) infra.log.error({ err: error, pool: pool.name }, 'worker handler failed');
    return toEnvelope(error);
  }
}

/** Waits for in-flight work, but never longer than the grace period. */
const settle = (inFlight: Set<Promise<unknown>>, graceMs: number) =>
  Promise.race([Promise.allSettled([...inFlight]), new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);

/**
 * Subscribes every handler of a pool in the pool's queue group, so more processes mean a
 * load-balanced pool, and answers pings outside the group so the edge can count instances.
 */
export async function startPool(pool: Pool, infra: Infra): Promise<RunningPool> {
  const inFlight = new Set<Promise<unknown>>();
  const subscriptions: Subscription[] = pool.handlers.map((handler) =>
    infra.nc.subscribe(handler.subject(infra.subjects).subject, {
      queue: pool.name,
      callback: (error, msg) => {
        if (error) return infra.log.warn({ err: error, pool: pool.name }, 'subscription error');
        const work = answer(infra, pool, handler, msg.data).then((envelope) => msg.respond(encodeJson(envelope)));
        inFlight.add(work);
        void work.finally(() => inFlight.delete(work));
      },
    }),
  );
  subscriptions.push(
    infra.nc.subscribe(infra.subjects.ping(pool.name).subject, {
      callback: (_error, msg) => {
        const reply: PingReply = { pool: pool.name, instance: infra.instance, ...pool.describe?.(infra) };
        msg.respond(encodeJson({ ok: true, data: reply } satisfies RpcEnvelope<PingReply>));
      },
    }),
  );
  const stopConsumers = pool.start ? await pool.start(infra) : async () => undefined;
  infra.log.info({ pool: pool.name, subjects: pool.handlers.length }, 'worker pool started');

  return {
    name: pool.name,
    stop: async () => {
      for (const subscription of subscriptions) subscription.unsubscribe();
      await Promise.all([settle(inFlight, infra.config.SHUTDOWN_GRACE_MS), stopConsumers()]);
      infra.log.info({ pool: pool.name }, 'worker pool stopped');
    },
  };
}

/** Counts the instances of a pool that answer a ping within the wait. */
export async function countPool(infra: Infra, pool: PoolName, maxWaitMs = 300): Promise<PingReply[]> {
  const replies: PingReply[] = [];
  try {
    const stream = await infra.nc.requestMany(infra.subjects.ping(pool).subject, encodeJson({}), {
      strategy: 'timer',
      maxWait: maxWaitMs,
    });
    for await (const msg of stream) {
      const envelope = decodeJson<RpcEnvelope<PingReply>>(msg.data);
      if (envelope.ok) replies.push(envelope.data);
    }
  } catch {
    return replies;
  }
  return replies;
}
