import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Infra } from '../shared/infra.js';
import { createEdge, type Edge } from './app.js';
import { answerClientErrors } from './client-errors.js';

export interface RunningEdge {
  edge: Edge;
  server: Server;
  port: number;
  stop: () => Promise<void>;
}

/** Time kept back from the grace period to end the streams still open and close sockets. */
const FINAL_WORDS_MS = 1500;

export async function startEdge(infra: Infra, port = infra.config.PORT): Promise<RunningEdge> {
  const edge = createEdge(infra);
  const server = createServer(edge.app.callback());
  server.keepAliveTimeout = 65_000;
  answerClientErrors(server, infra.log);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => resolve());
  });
  const actualPort = (server.address() as AddressInfo).port;
  infra.log.info({ port: actualPort }, 'edge listening');

  /** Stops accepting, lets streams finish within the grace period, then ends them with `error`. */
  const stop = async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    await edge.sse.drain(Math.max(0, infra.config.SHUTDOWN_GRACE_MS - FINAL_WORDS_MS));
    edge.sse.endAll({ event: 'error', data: { code: 'unavailable', message: 'The server is restarting; reconnect to resume' } });
    server.closeAllConnections();
    await closed;
    await edge.deps.jobs.close();
    edge.deps.characters.stop();
    infra.log.info('edge stopped');
  };
  return { edge, server, port: actualPort, stop };
}
