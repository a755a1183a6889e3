import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { http } from '../helpers/http.js';
import { startStack, type TestStack } from '../helpers/stack.js';
import { signUp, TEST_PASSWORD, uniqueEmail } from '../helpers/users.js';

const run = promisify(execFile);
const decodeClaims = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));

describe('admins: ADMIN_EMAILS and the grant-admin CLI', () => {
  const listedEmail = uniqueEmail('boss');
  let stack: TestStack;
  before(async () => {
    stack = await startStack({ pools: [], env: { ADMIN_EMAILS: ` other@example.test, ${listedEmail.toUpperCase()} ` } });
  });
  after(async () => {
    await stack.close();
  });

  const cli = (...args: string[]) =>
    run(process.execPath, ['--import', 'tsx', 'shared/users/admin-main.ts', ...args], {
      env: { PATH: process.env.PATH, DATABASE_URL: stack.config.DATABASE_URL, LOG_LEVEL: 'silent' },
    });

  it('makes users listed in ADMIN_EMAILS admins in their tokens', async () => {
    const signup = await http(stack.url, 'POST', '/v1/auth/signup', { body: { email: listedEmail, password: TEST_PASSWORD, age_confirmed: true } });
    assert.equal(decodeClaims(signup.body.access_token).app_metadata.role, 'admin');
    assert.equal((await stack.edge!.edge.deps.auth.provider.verify(signup.body.access_token)).is_admin, true);
    const plain = await signUp(stack);
    assert.equal(decodeClaims(plain.token).app_metadata.role, undefined);
  });

  it('grants and revokes admin from the command line, effective from the next refresh', async () => {
    const user = await signUp(stack);
    const granted = await cli('grant-admin', user.email);
    assert.match(granted.stdout, /is now an admin/);
    const refreshed = await http(stack.url, 'POST', '/v1/auth/refresh', { body: { refresh_token: user.refresh_token } });
    assert.equal(decodeClaims(refreshed.body.access_token).app_metadata.role, 'admin');

    await cli('revoke-admin', user.email);
    const again = await http(stack.url, 'POST', '/v1/auth/refresh', { body: { refresh_token: refreshed.body.refresh_token } });
    assert.equal(decodeClaims(again.body.access_token).app_metadata.role, undefined);

    await assert.rejects(cli('grant-admin', uniqueEmail('nobody')), (error: { code: number; stderr: string }) => error.code === 1 && /no account/.test(error.stderr));
    await assert.rejects(cli('make-me-admin'), (error: { code: number }) => error.code === 64);
  });
});
