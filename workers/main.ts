import { runProcess } from '../shared/process.js';
import { poolNames, type PoolName } from '../shared/subjects.js';
import { pools } from './pools.js';
import { startPool } from './runtime.js';

const name = process.argv[2] as PoolName | undefined;
if (!name || !poolNames.includes(name)) {
  process.stderr.write(`usage: npm run start:worker -- <${poolNames.join('|')}>\n`);
  process.exit(64);
}

await runProcess(`worker:${name}`, async (infra) => (await startPool(pools[name], infra)).stop);
