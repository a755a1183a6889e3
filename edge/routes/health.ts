import { z } from 'zod';
import { AppError } from '../../shared/errors.js';
import type { Infra } from '../../shared/infra.js';
import { registry } from '../../shared/metrics.js';
import { countPool } from '../../workers/runtime.js';
import type { EdgeDeps } from '../deps.js';
import type { ApiRouter } from '../route.js';

const CHECK_TIMEOUT_MS = 1500;

const withTimeout = <T>(work: Promise<T>): Promise<T> =>
  Promise.race([work, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), CHECK_TIMEOUT_MS).unref())]);

const probe = async (check: () => Promise<unknown>): Promise<'ok' | 'down'> => {
  try {
    await withTimeout(check());
    return 'ok';
  } catch {
    return 'down';
  }
};

async function readiness(infra: Infra) {
  const [mysql, redis, nats, llm] = await Promise.all([
    probe(() => infra.sequelize.query('SELECT 1')),
    probe(() => infra.redis.ping()),
    probe(() => infra.nc.flush()),
    countPool(infra, 'llm'),
  ]);
  const modes = [...new Set(llm.map((reply) => reply.mode).filter(Boolean))];
  return { mysql, redis, nats, llm_workers: llm.length, ...(modes.length ? { llm_mode: modes.join(',') } : {}) };
}

const readySchema = z.object({
  mysql: z.enum(['ok', 'down']),
  redis: z.enum(['ok', 'down']),
  nats: z.enum(['ok', 'down']),
  llm_workers: z.number().int(),
  llm_mode: z.string().optional().describe('"offline" when the llm pool runs its labelled stand-in (no OPENAI_API_KEY)'),
});

export function healthRoutes(api: ApiRouter, { infra }: EdgeDeps): void {
  api.add(
    {
      method: 'get', path: '/healthz', summary: 'Liveness', tag: 'operations', access: 'public',
      responses: { 200: { description: 'The process lives', schema: z.object({ status: z.literal('ok') }) } },
    },
    async () => ({ status: 'ok' }),
  );

  api.add(
    {
      method: 'get', path: '/readyz', summary: 'Readiness of MySQL, Redis, NATS and the llm pool', tag: 'operations', access: 'public',
      responses: {
        200: { description: 'Every dependency answers', schema: readySchema },
        503: { description: 'MySQL, Redis or NATS is down; `details` names which' },
      },
    },
    async () => {
      const report = await readiness(infra);
      const down = (['mysql', 'redis', 'nats'] as const).filter((name) => report[name] === 'down');
      if (down.length > 0) throw new AppError('unavailable', `Not ready: ${down.join(', ')} down`, report);
      return report;
    },
  );

  api.add(
    {
      method: 'get', path: '/metrics', summary: 'Prometheus metrics', tag: 'operations', access: 'public',
      responses: { 200: { description: 'Prometheus text format', schema: z.string(), contentType: 'text/plain' } },
    },
    async (ctx) => {
      ctx.type = registry.contentType;
      return registry.metrics();
    },
  );
}
