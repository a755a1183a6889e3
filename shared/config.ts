import { z } from 'zod';

const intFrom = (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback);
const optionalText = z.string().trim().min(1).optional().catch(undefined);
const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .default('')
  .transform((value) => ['1', 'true', 'yes'].includes(value));
const csv = z
  .string()
  .default('')
  .transform((value) => value.split(',').map((item) => item.trim().toLowerCase()).filter(Boolean));
const namespace = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'letters, digits, _ or - (1–40)');
/** S3's bucket naming rules, which the S3-compatible services share. */
const bucketName = z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'lowercase letters, digits, . or - (3–63)');
const keyPrefix = z.string().regex(/^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*\/?$/, 'slash-separated letters, digits, _ or -');

export const DEV_JWT_SECRET = 'saathi-dev-secret-change-me-in-production-0123456789';

/** Every environment variable Saathi reads, with local defaults (API.md, "Configuration"). */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PORT: intFrom(8080).pipe(z.number().max(65535)),
  PUBLIC_BASE_URL: z.url().optional(),
  DATABASE_URL: z.url().default('mysql://root@127.0.0.1:3306/saathi'),
  REDIS_URL: z.url().default('redis://127.0.0.1:6379/0'),
  NATS_URL: z.string().default('nats://127.0.0.1:4222'),
  NATS_SUBJECT_PREFIX: namespace.default('saathi'),
  REDIS_KEY_PREFIX: namespace.default('saathi'),
  TRUST_PROXY: flag,

  AUTH_PROVIDER: z.enum(['local', 'supabase']).default('local'),
  JWT_SECRET: z.string().min(32, 'at least 32 characters').default(DEV_JWT_SECRET),
  ACCESS_TOKEN_TTL_SECONDS: intFrom(3600, 60),
  REFRESH_TOKEN_TTL_DAYS: intFrom(60, 1),
  ADMIN_EMAILS: csv,
  SUPABASE_URL: z.url().optional(),
  SUPABASE_ANON_KEY: optionalText,
  SUPABASE_JWT_SECRET: optionalText,

  OPENAI_API_KEY: optionalText,
  OPENAI_BASE_URL: z.url().optional(),
  LLM_MODEL_FREE: z.string().min(1).default('gpt-4o-mini'),
  LLM_MODEL_PRO: z.string().min(1).default('gpt-4o'),
  LLM_TIMEOUT_MS: intFrom(60_000, 1000),
  /** The model's context window, for OpenAI-compatible servers whose model Saathi does not know. */
  LLM_CONTEXT_TOKENS: z.coerce.number().int().min(1024).optional(),
  /** For the analytics cost estimate: US dollars per million tokens (gpt-4o-mini list prices by default). */
  LLM_PRICE_PROMPT_PER_1M_USD: z.coerce.number().min(0).default(0.15),
  LLM_PRICE_COMPLETION_PER_1M_USD: z.coerce.number().min(0).default(0.6),

  RAZORPAY_KEY_ID: optionalText,
  RAZORPAY_KEY_SECRET: optionalText,
  RAZORPAY_WEBHOOK_SECRET: optionalText,
  RAZORPAY_API_BASE: z.url().default('https://api.razorpay.com'),
  RAZORPAY_PLAN_PRO_MONTHLY: optionalText,
  RAZORPAY_PLAN_PRO_YEARLY: optionalText,
  PRO_GRACE_DAYS: intFrom(3),

  STORAGE_DIR: z.string().min(1).default('./data/storage'),
  /** When set, uploads go to this S3-compatible bucket instead of STORAGE_DIR. */
  S3_BUCKET: bucketName.optional(),
  S3_REGION: z.string().min(1).default('ap-south-1'),
  S3_ENDPOINT: z.url().optional(),
  S3_ACCESS_KEY_ID: optionalText,
  S3_SECRET_ACCESS_KEY: optionalText,
  S3_KEY_PREFIX: keyPrefix.optional(),
  ARCHIVE_AFTER_DAYS: intFrom(90, 1),

  FREE_DAILY_MESSAGES: intFrom(30),
  PRO_DAILY_MESSAGES: intFrom(500),
  FREE_CHAT_PER_MINUTE: intFrom(6, 1),
  PRO_CHAT_PER_MINUTE: intFrom(30, 1),
  FREE_MAX_ACTIVE_CONVERSATIONS: intFrom(1, 1),
  PRO_MAX_ACTIVE_CONVERSATIONS: intFrom(50, 1),
  API_PER_MINUTE: intFrom(600, 1),
  AUTH_PER_MINUTE: intFrom(10, 1),

  RPC_TIMEOUT_MS: intFrom(5000, 100),
  SHUTDOWN_GRACE_MS: intFrom(10_000, 100),
});

export type Config = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const crossChecks = (config: Config): string[] => {
  const problems: string[] = [];
  if (config.AUTH_PROVIDER === 'supabase') {
    if (!config.SUPABASE_URL) problems.push('SUPABASE_URL: required when AUTH_PROVIDER=supabase');
    if (!config.SUPABASE_ANON_KEY) problems.push('SUPABASE_ANON_KEY: required when AUTH_PROVIDER=supabase');
  }
  if (config.NODE_ENV === 'production' && config.AUTH_PROVIDER === 'local' && config.JWT_SECRET === DEV_JWT_SECRET) {
    problems.push('JWT_SECRET: the development default must not be used in production');
  }
  if (Boolean(config.S3_ACCESS_KEY_ID) !== Boolean(config.S3_SECRET_ACCESS_KEY)) {
    problems.push('S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY: set both, or neither for the default credential chain');
  }
  return problems;
};

/** The only reader of process.env: validates everything and reports every problem at once. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const problems = crossChecks(parsed.data);
  if (problems.length > 0) throw new ConfigError(problems);
  return parsed.data;
}

/** For entry points: a bad environment ends the process with every problem listed. */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(78);
  }
}
