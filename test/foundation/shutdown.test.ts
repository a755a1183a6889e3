import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { after, before, test } from 'node:test';
import { startStack, type TestStack } from '../helpers/stack.js';

let stack: TestStack;
before(async () => {
  stack = await startStack({ pools: [], edge: false });
});
after(() => stack.close());

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

const waitFor = async (check: () => Promise<boolean>, ms: number) => {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
};

test('npm start serves /readyz, and SIGTERM drains every role and exits 0 within 10 s', { timeout: 90_000 }, async () => {
  const port = await freePort();
  const { config } = stack;
  const child = spawn(process.execPath, ['--import', 'tsx', 'edge/all-in-one.ts'], {
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      DATABASE_URL: config.DATABASE_URL,
      REDIS_URL: config.REDIS_URL,
      NATS_URL: config.NATS_URL,
      NATS_SUBJECT_PREFIX: config.NATS_SUBJECT_PREFIX,
      REDIS_KEY_PREFIX: config.REDIS_KEY_PREFIX,
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  try {
    const ready = await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200, 60_000);
    assert.ok(ready, `never became ready:\n${output}`);
    const readiness = (await (await fetch(`http://127.0.0.1:${port}/readyz`)).json()) as { mysql: string; llm_workers: number };
    assert.equal(readiness.mysql, 'ok');
    assert.ok(readiness.llm_workers >= 1);

    const signalledAt = Date.now();
    child.kill('SIGTERM');
    const code = await exited;
    assert.equal(code, 0, output);
    assert.ok(Date.now() - signalledAt < 10_000, 'exited within 10 s');
    assert.match(output, /edge stopped/);
    for (const pool of ['llm', 'quota', 'billing', 'archival']) {
      assert.match(output, new RegExp(`"pool":"${pool}"[^\\n]*worker pool stopped`));
    }
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
});
