import { randomBytes } from 'node:crypto';
import { User } from '../../shared/db/models/index.js';
import { planChanged } from '../../shared/domain/plan.js';
import { http } from './http.js';
import type { TestStack } from './stack.js';

export interface TestUser {
  id: string;
  email: string;
  token: string;
  refresh_token: string;
}

export const TEST_PASSWORD = 'correct horse battery staple';

export const uniqueEmail = (label = 'user') => `${label}-${randomBytes(5).toString('hex')}@example.test`;

async function login(stack: TestStack, email: string): Promise<{ access_token: string; refresh_token: string }> {
  const response = await http(stack.url, 'POST', '/v1/auth/login', { body: { email, password: TEST_PASSWORD } });
  if (response.status !== 200) throw new Error(`login failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/**
 * A user signed up through the real endpoint (local provider). `admin` grants is_admin and logs in
 * again so the token carries `app_metadata.role = "admin"`; `plan: 'pro'` sets the plan the way the
 * billing pool does (users.plan, then planChanged).
 */
export async function signUp(
  stack: TestStack,
  options: { admin?: boolean; plan?: 'free' | 'pro'; language?: string; displayName?: string } = {},
): Promise<TestUser> {
  const email = uniqueEmail(options.admin ? 'admin' : 'user');
  const response = await http(stack.url, 'POST', '/v1/auth/signup', {
    body: { email, password: TEST_PASSWORD, age_confirmed: true, ...(options.displayName ? { display_name: options.displayName } : {}) },
  });
  if (response.status !== 201) throw new Error(`signup failed: ${response.status} ${JSON.stringify(response.body)}`);
  let session: { access_token: string; refresh_token: string } = response.body;
  const id: string = response.body.user.id;

  if (options.language) await User.update({ preferred_language: options.language }, { where: { id } });
  if (options.plan === 'pro') {
    await User.update({ plan: 'pro' }, { where: { id } });
    await planChanged(stack.infra, id, 'pro');
    await stack.infra.nc.flush();
  }
  if (options.admin) {
    await User.update({ is_admin: true }, { where: { id } });
    session = await login(stack, email);
  }
  return { id, email, token: session.access_token, refresh_token: session.refresh_token };
}
