import type { Infra } from '../../shared/infra.js';
import { flushUsage } from '../../shared/usage/flush.js';
import type { Pool } from '../runtime.js';
import { commit } from './commit.js';
import { refund } from './refund.js';
import { reserve } from './reserve.js';
import { status } from './status.js';

/** Often enough that today's usage row is live "within seconds" of a reply (API.md). */
const FLUSH_EVERY_MS = 2000;

/** Moves pending usage to MySQL on a timer; a failed round (Redis or MySQL down) waits for the next. */
async function startUsageFlush(infra: Infra): Promise<() => Promise<void>> {
  let running: Promise<void> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = flushUsage(infra)
      .then(() => undefined, (error) => infra.log.debug({ err: error }, 'usage flush deferred'))
      .finally(() => (running = null));
  }, FLUSH_EVERY_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
    await flushUsage(infra).catch((error) => infra.log.warn({ err: error }, 'final usage flush failed; it stays pending in redis'));
  };
}

export const quotaPool: Pool = {
  name: 'quota',
  handlers: [reserve, commit, refund, status],
  start: startUsageFlush,
};
