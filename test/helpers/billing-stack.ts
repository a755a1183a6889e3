import { randomBytes } from 'node:crypto';
import type { PoolName } from '../../shared/subjects.js';
import { startFakeRazorpay, type FakeRazorpay } from '../fakes/razorpay.js';
import { http } from './http.js';
import { startStack, type TestStack } from './stack.js';
import { signUp, type TestUser } from './users.js';

export const PLAN_PRO_MONTHLY = 'plan_SaathiProMonth';

export interface BillingStack {
  stack: TestStack;
  razorpay: FakeRazorpay;
  webhookSecret: string;
  close: () => Promise<void>;
}

/** A stack whose billing pool talks to a fake Razorpay through the real SDK. */
export async function startBillingStack(options: { pools?: readonly PoolName[]; env?: Record<string, string> } = {}): Promise<BillingStack> {
  let stack: TestStack | undefined;
  const razorpay = await startFakeRazorpay({ planIds: [PLAN_PRO_MONTHLY], now: () => stack?.clock.now() ?? new Date() });
  const webhookSecret = `whsec_${randomBytes(12).toString('hex')}`;
  stack = await startStack({
    pools: options.pools ?? ['billing', 'quota'],
    env: {
      RAZORPAY_KEY_ID: razorpay.keyId,
      RAZORPAY_KEY_SECRET: razorpay.keySecret,
      RAZORPAY_WEBHOOK_SECRET: webhookSecret,
      RAZORPAY_API_BASE: razorpay.url,
      RAZORPAY_PLAN_PRO_MONTHLY: PLAN_PRO_MONTHLY,
      ...options.env,
    },
  });
  const started = stack;
  return {
    stack: started,
    razorpay,
    webhookSecret,
    close: async () => {
      await started.close();
      await razorpay.close();
    },
  };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** A Pro user the way the app makes one: subscribe, pay in Checkout, verify; a 30-day period from the stack clock. */
export async function subscribePro(billing: BillingStack): Promise<{ user: TestUser; subscriptionId: string; periodEnd: Date }> {
  const user = await signUp(billing.stack);
  const created = await http(billing.stack.url, 'POST', '/v1/subscriptions', { token: user.token, body: { plan_id: 'pro_monthly' } });
  const subscriptionId: string = created.body.subscription_id;
  const now = billing.stack.clock.now();
  const periodEnd = new Date(Math.floor((now.getTime() + 30 * DAY_MS) / 1000) * 1000);
  const checkout = billing.razorpay.completeCheckout(subscriptionId, now, periodEnd);
  const verified = await http(billing.stack.url, 'POST', '/v1/subscriptions/verify', {
    token: user.token,
    body: { razorpay_payment_id: checkout.paymentId, razorpay_subscription_id: subscriptionId, razorpay_signature: checkout.signature },
  });
  if (verified.body.plan !== 'pro') throw new Error(`checkout did not make the user Pro: ${JSON.stringify(verified.body)}`);
  return { user, subscriptionId, periodEnd };
}
