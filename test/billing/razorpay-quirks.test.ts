import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { webhookEvent } from '../../shared/billing/entities.js';
import { billingPlans } from '../../shared/billing/plans.js';
import { createRazorpay, razorpayCall } from '../../shared/billing/razorpay-client.js';
import { AppError } from '../../shared/errors.js';
import { createLogger } from '../../shared/logger.js';
import { newNamespace, testConfig } from '../helpers/stack.js';

const fixture = (name: string) => readFileSync(new URL(`../../../shared/fixtures/razorpay/${name}`, import.meta.url), 'utf8');

test('every Razorpay fixture parses, quirks included', () => {
  const charged = webhookEvent.parse(JSON.parse(fixture('subscription_charged.json')));
  assert.equal(charged.payload.payment?.entity.captured, true, '"captured": "1" is a capture');
  assert.deepEqual(charged.payload.payment?.entity.notes, {}, '"notes": [] is no notes');
  assert.equal(charged.payload.subscription?.entity.current_end, 1572892200);

  const upi = webhookEvent.parse(JSON.parse(fixture('payment_captured_upi.json')));
  assert.equal(upi.payload.payment?.entity.method, 'upi');
  assert.equal(upi.payload.subscription, undefined);

  const authenticated = webhookEvent.parse(JSON.parse(fixture('subscription_authenticated.json')));
  assert.equal(authenticated.payload.subscription?.entity.current_end, null);
  assert.deepEqual(authenticated.payload.subscription?.entity.notes, {});

  const cancelled = webhookEvent.parse(JSON.parse(fixture('subscription_cancelled.json')));
  assert.equal(cancelled.payload.subscription?.entity.status, 'cancelled');
});

test('numeric strings are numbers', () => {
  const body = JSON.parse(fixture('subscription_charged.json'));
  body.created_at = '1567690383';
  body.payload.payment.entity.amount = '100000';
  body.payload.subscription.entity.current_end = '1572892200';
  const parsed = webhookEvent.parse(body);
  assert.equal(parsed.created_at, 1567690383);
  assert.equal(parsed.payload.payment?.entity.amount, 100000);
  assert.equal(parsed.payload.subscription?.entity.current_end, 1572892200);
});

test('pro_yearly is on sale only once its Razorpay plan is configured', () => {
  const config = testConfig(newNamespace());
  assert.deepEqual(billingPlans(config).map((plan) => plan.id), ['pro_monthly']);
  const withYearly = testConfig(newNamespace(), { RAZORPAY_PLAN_PRO_YEARLY: 'plan_Yearly0001' });
  assert.deepEqual(billingPlans(withYearly).map((plan) => plan.id), ['pro_monthly', 'pro_yearly']);
});

test('a Razorpay that does not answer is unavailable; missing keys too', async () => {
  const config = testConfig(newNamespace(), { RAZORPAY_KEY_ID: 'rzp_test_x', RAZORPAY_KEY_SECRET: 'secret', RAZORPAY_API_BASE: 'http://127.0.0.1:9' });
  const razorpay = createRazorpay(config);
  await assert.rejects(
    razorpayCall(createLogger(config), 'subscriptions.fetch', () => razorpay.subscriptions.fetch('sub_Nowhere000001')),
    (error: unknown) => error instanceof AppError && error.code === 'unavailable',
  );
  assert.throws(() => createRazorpay(testConfig(newNamespace())), (error: unknown) => error instanceof AppError && error.code === 'unavailable');
});
