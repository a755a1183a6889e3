import { runProcess } from '../shared/process.js';
import { startEdge } from './server.js';

await runProcess('edge', async (infra) => (await startEdge(infra)).stop);
