import { migrate } from '../migrations/migrator.js';
import { ensureDatabase } from '../shared/db/sequelize.js';
import { runProcess } from '../shared/process.js';
import { seed } from '../shared/seed/index.js';
import { poolNames } from '../shared/subjects.js';
import { pools } from '../workers/pools.js';
import { startPool } from '../workers/runtime.js';
import { loadConfigOrExit } from '../shared/config.js';
import { startEdge } from './server.js';

/** `npm start`: migrate, seed what is empty, then the edge and one worker of each pool in one process. */
await ensureDatabase(loadConfigOrExit().DATABASE_URL);
await runProcess('all-in-one', async (infra) => {
  await migrate(infra.sequelize, infra.config.DATABASE_URL, infra.log);
  await seed(infra.sequelize, infra.log, true);
  const workers = await Promise.all(poolNames.map((name) => startPool(pools[name], infra)));
  const edge = await startEdge(infra);
  return async () => {
    await edge.stop();
    await Promise.all(workers.map((worker) => worker.stop()));
  };
});
