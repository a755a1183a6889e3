import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';

const compose = spawnSync('docker-compose', ['version'], { encoding: 'utf8' });
const available = compose.status === 0;

test('docker-compose.yml is a valid compose file with every role as a service', { skip: !available && 'docker-compose is not installed' }, () => {
  const env = { ...process.env, JWT_SECRET: 'compose-check-secret-0123456789abcdef' };
  const check = spawnSync('docker-compose', ['config', '--services'], { encoding: 'utf8', env });
  assert.equal(check.status, 0, check.stderr);
  const services = check.stdout.trim().split('\n').sort();
  assert.deepEqual(services, ['archival', 'billing', 'edge', 'llm', 'migrate', 'mysql', 'nats', 'quota', 'redis']);
});
