import { loadConfigOrExit, type Config } from './config.js';
import { closeInfra, openInfra, type Infra } from './infra.js';
import { createLogger, type Logger } from './logger.js';
import { ensureStreams } from './nats.js';

export type Stopper = () => Promise<void>;

/**
 * Runs a long-lived role: config, connections and streams, then the role itself; on SIGTERM or
 * SIGINT the role stops within the grace period, connections close, and the process exits.
 */
export async function runProcess(role: string, start: (infra: Infra) => Promise<Stopper>): Promise<void> {
  const config: Config = loadConfigOrExit();
  const log: Logger = createLogger(config, { role });
  const infra = await openInfra(config, log);
  await ensureStreams(infra.nc, infra.subjects);
  const stop = await start(infra);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    setTimeout(() => {
      log.error('shutdown overran the grace period; exiting');
      process.exit(1);
    }, config.SHUTDOWN_GRACE_MS + 2000).unref();
    await stop();
    await closeInfra(infra);
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}
