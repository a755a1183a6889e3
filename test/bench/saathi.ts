import { spawnSync } from 'node:child_process';
import { startStack, type TestStack } from '../helpers/stack.js';
import { spawnEntry, waitForOk, type Child } from './processes.js';
import { runPool } from './stats.js';
import { countPool } from '../../workers/runtime.js';

export interface SaathiUser {
  token: string;
  conversationId: string;
}

export interface RunningSaathi {
  url: string;
  edge: Child;
  workers: Child[];
  /** Every Saathi process, for CPU and memory figures. */
  pids: number[];
  /** The same processes by role: edge, llm, quota. */
  processes: Record<string, number>;
  stack: TestStack;
  users: SaathiUser[];
  stop: () => Promise<void>;
}

const POOLS = ['llm', 'quota'] as const;
const unlimited = '100000000';

/** /readyz counts the llm pool only; a chat turn also needs the quota pool, which may subscribe later. */
async function waitForQuotaPool(stack: TestStack, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if ((await countPool(stack.infra, 'quota')).length > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the quota pool never answered');
}

const json = async (response: Response) => {
  const body = (await response.json()) as Record<string, any>;
  if (!response.ok) throw new Error(`${response.status} ${JSON.stringify(body)}`);
  return body;
};

/** With BENCH_CPU_PROFILE_DIR set, every Saathi process writes a V8 CPU profile there when it stops. */
const profileArgs = (): string[] => {
  const directory = process.env.BENCH_CPU_PROFILE_DIR;
  return directory ? ['--cpu-prof', `--cpu-prof-dir=${directory}`] : [];
};

const runOnce = (entry: string, env: Record<string, string>) => {
  const run = spawnSync(process.execPath, [entry], { env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`${entry} failed: ${run.stderr}`);
};

/** The image runs the compiled JavaScript (deploy/Dockerfile), so the benchmark builds and runs that. */
const build = () => {
  const run = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`the build failed: ${run.stdout}${run.stderr}`);
};

/** Signs up `count` users, each with a conversation with the first free character. */
async function benchUsers(url: string, count: number): Promise<SaathiUser[]> {
  const signUp = async (label: string) => json(await fetch(`${url}/v1/auth/signup`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `bench-${label}-${Date.now()}@example.test`, password: 'bench-password-1', age_confirmed: true }),
  }));
  const probe = await signUp('probe');
  const catalogue = await json(await fetch(`${url}/v1/characters?tier=free&limit=1`, { headers: { authorization: `Bearer ${probe.access_token}` } }));
  const characterId: string = catalogue.items[0].id;

  return runPool(count, 8, async (index) => {
    const session = await signUp(String(index));
    const conversation = await json(await fetch(`${url}/v1/conversations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${session.access_token}` },
      body: JSON.stringify({ character_id: characterId }),
    }));
    return { token: session.access_token as string, conversationId: conversation.id as string };
  });
}

/**
 * Saathi as production runs it — the built edge process and one process per pool the chat path uses
 * (llm, quota) — in a namespace of its own, with limits raised so the benchmark measures the
 * machinery rather than quota refusals.
 */
export async function startSaathi(openaiBaseUrl: string, userCount: number): Promise<RunningSaathi> {
  const stack = await startStack({ pools: [], edge: false });
  const { config } = stack;
  // Below Linux's ephemeral range (32768+), where an outgoing connection may already hold the port.
  const port = 20_000 + Math.floor(Math.random() * 12_000);
  const url = `http://127.0.0.1:${port}`;
  const env = {
    PORT: String(port),
    LOG_LEVEL: 'warn',
    DATABASE_URL: config.DATABASE_URL,
    REDIS_URL: config.REDIS_URL,
    NATS_URL: config.NATS_URL,
    NATS_SUBJECT_PREFIX: config.NATS_SUBJECT_PREFIX,
    REDIS_KEY_PREFIX: config.REDIS_KEY_PREFIX,
    OPENAI_API_KEY: 'bench-key',
    OPENAI_BASE_URL: openaiBaseUrl,
    FREE_DAILY_MESSAGES: unlimited,
    FREE_CHAT_PER_MINUTE: unlimited,
    API_PER_MINUTE: unlimited,
    AUTH_PER_MINUTE: unlimited,
    // The idle streams follow a generation whose model never answers for the whole ramp and hold.
    LLM_TIMEOUT_MS: '300000',
  };
  const started: Child[] = [];
  const stopAll = async () => {
    for (const child of [...started].reverse()) await child.stop();
    await stack.close();
  };
  try {
    build();
    runOnce('dist/shared/seed/main.js', env);
    for (const pool of POOLS) started.push(await spawnEntry('dist/workers/main.js', env, false, profileArgs(), [pool]));
    started.push(await spawnEntry('dist/edge/main.js', env, false, profileArgs()));
    await waitForOk(`${url}/readyz`);
    await waitForQuotaPool(stack);
    const users = await benchUsers(url, userCount);
    const [llm, quota, edge] = started as [Child, Child, Child];
    return {
      url,
      edge,
      workers: [llm, quota],
      pids: [edge.pid, llm.pid, quota.pid],
      processes: { edge: edge.pid, llm: llm.pid, quota: quota.pid },
      stack,
      users,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
