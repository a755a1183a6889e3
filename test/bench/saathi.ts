import { startStack, type TestStack } from '../helpers/stack.js';
import { spawnTs, waitForOk, type Child } from './processes.js';
import { runPool } from './stats.js';

export interface SaathiUser {
  token: string;
  conversationId: string;
}

export interface RunningSaathi {
  url: string;
  child: Child;
  stack: TestStack;
  users: SaathiUser[];
  stop: () => Promise<void>;
}

const unlimited = '100000000';

const json = async (response: Response) => {
  const body = (await response.json()) as Record<string, any>;
  if (!response.ok) throw new Error(`${response.status} ${JSON.stringify(body)}`);
  return body;
};

/**
 * Saathi as `npm start` runs it (edge and one worker of each pool in one process), in a namespace of
 * its own, with limits raised so the benchmark measures the machinery rather than the quota refusals.
 */
export async function startSaathi(openaiBaseUrl: string, userCount: number): Promise<RunningSaathi> {
  const stack = await startStack({ pools: [], edge: false });
  const { config } = stack;
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const child = await spawnTs('edge/all-in-one.ts', {
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
  }, false);
  const url = `http://127.0.0.1:${port}`;
  await waitForOk(`${url}/readyz`);

  const admin = await json(await fetch(`${url}/v1/auth/signup`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `bench-probe-${Date.now()}@example.test`, password: 'bench-password-1', age_confirmed: true }),
  }));
  const catalogue = await json(await fetch(`${url}/v1/characters?tier=free&limit=1`, { headers: { authorization: `Bearer ${admin.access_token}` } }));
  const characterId: string = catalogue.items[0].id;

  const users = await runPool(userCount, 8, async (index) => {
    const session = await json(await fetch(`${url}/v1/auth/signup`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `bench-${index}-${Date.now()}@example.test`, password: 'bench-password-1', age_confirmed: true }),
    }));
    const conversation = await json(await fetch(`${url}/v1/conversations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${session.access_token}` },
      body: JSON.stringify({ character_id: characterId }),
    }));
    return { token: session.access_token as string, conversationId: conversation.id as string };
  });

  return {
    url,
    child,
    stack,
    users,
    stop: async () => {
      await child.stop();
      await stack.close();
    },
  };
}
