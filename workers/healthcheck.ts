import { hostname } from 'node:os';
import { loadConfigOrExit } from '../shared/config.js';
import { closeInfra, openInfra } from '../shared/infra.js';
import { createLogger } from '../shared/logger.js';
import { poolNames, type PoolName } from '../shared/subjects.js';
import { countPool } from './runtime.js';

/**
 * Container healthcheck of a worker: healthy when an instance of the pool on this host answers
 * its ping over NATS, i.e. the process is alive, connected and subscribed.
 */
const pool = process.argv[2] as PoolName;
if (!poolNames.includes(pool)) process.exit(2);
const config = loadConfigOrExit();
const infra = await openInfra(config, createLogger({ LOG_LEVEL: 'silent' }));
const replies = await countPool(infra, pool, 1000);
await closeInfra(infra);
process.exit(replies.some((reply) => reply.instance.startsWith(`${hostname()}:`)) ? 0 : 1);
