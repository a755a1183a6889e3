import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { ConfigError, loadConfig } from '../../shared/config.js';

test('defaults describe a working local setup', () => {
  const config = loadConfig({});
  assert.equal(config.PORT, 8080);
  assert.equal(config.DATABASE_URL, 'mysql://root@127.0.0.1:3306/saathi');
  assert.equal(config.REDIS_URL, 'redis://127.0.0.1:6379/0');
  assert.equal(config.NATS_URL, 'nats://127.0.0.1:4222');
  assert.equal(config.AUTH_PROVIDER, 'local');
  assert.equal(config.FREE_DAILY_MESSAGES, 30);
  assert.equal(config.PRO_DAILY_MESSAGES, 500);
  assert.equal(config.FREE_MAX_ACTIVE_CONVERSATIONS, 1);
  assert.equal(config.ARCHIVE_AFTER_DAYS, 90);
  assert.equal(config.TRUST_PROXY, false);
});

test('every bad value is reported at once, by name', () => {
  assert.throws(
    () => loadConfig({ PORT: 'eighty', AUTH_PROVIDER: 'ldap', FREE_DAILY_MESSAGES: '-3', REDIS_URL: 'not a url' }),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      const names = error.problems.map((problem) => problem.split(':')[0]);
      assert.deepEqual(names.sort(), ['AUTH_PROVIDER', 'FREE_DAILY_MESSAGES', 'PORT', 'REDIS_URL']);
      return true;
    },
  );
});

test('the supabase provider needs its project settings', () => {
  assert.throws(() => loadConfig({ AUTH_PROVIDER: 'supabase' }), /SUPABASE_URL.*\n.*SUPABASE_ANON_KEY/s);
});

test('production refuses the development JWT secret', () => {
  assert.throws(() => loadConfig({ NODE_ENV: 'production' }), /JWT_SECRET/);
});

test('a process with a bad environment exits non-zero listing every problem', () => {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'edge/main.ts'], {
    env: { PATH: process.env.PATH, PORT: '-1', NATS_SUBJECT_PREFIX: 'has.dots' },
    encoding: 'utf8',
    timeout: 20_000,
  });
  assert.notEqual(run.status, 0);
  assert.match(run.stderr, /Invalid configuration/);
  assert.match(run.stderr, /PORT/);
  assert.match(run.stderr, /NATS_SUBJECT_PREFIX/);
});
