import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Subscription, User } from '../../shared/db/models/index.js';
import { currentPlan } from '../../shared/domain/plan.js';
import { callWorker } from '../../shared/rpc.js';
import { startBillingStack, PLAN_PRO_MONTHLY, type BillingStack } from '../helpers/billing-stack.js';
import { http } from '../helpers/http.js';
import { signUp, type TestUser } from '../helpers/users.js';

let billing: BillingStack;
const DAY_MS = 24 * 60 * 60 * 1000;

before(async () => {
  billing = await startBillingStack();
});
after(async () => {
  await billing?.close();
});

const subscribe = (user: TestUser, body: unknown = { plan_id: 'pro_monthly' }) =>
  http(billing.stack.url, 'POST', '/v1/subscriptions', { token: user.token, body });
const verify = (user: TestUser, body: unknown) => http(billing.stack.url, 'POST', '/v1/subscriptions/verify', { token: user.token, body });

test('GET /v1/plans lists pro_monthly in paise without a token', async () => {
  const response = await http(billing.stack.url, 'GET', '/v1/plans');
  assert.equal(response.status, 200);
  const [monthly] = response.body.items;
  assert.equal(monthly.id, 'pro_monthly');
  assert.equal(monthly.amount_paise, 19900);
  assert.equal(monthly.currency, 'INR');
  assert.equal(monthly.interval, 'monthly');
  assert.ok(monthly.features.length > 0);
  assert.equal(monthly.razorpay_plan_id, undefined, 'Razorpay plan ids stay private');
});

test('subscribing and verifying the checkout makes the user Pro at once', async () => {
  const user = await signUp(billing.stack);
  const created = await subscribe(user);
  assert.equal(created.status, 201);
  assert.match(created.body.subscription_id, /^sub_/);
  assert.equal(created.body.razorpay_key_id, billing.razorpay.keyId);
  assert.equal(created.body.status, 'created');
  assert.match(created.body.short_url, /^https:\/\//);
  const sent = billing.razorpay.requests.find((request) => request.method === 'POST' && request.path === '/v1/subscriptions');
  assert.equal(sent?.body.plan_id, PLAN_PRO_MONTHLY);
  assert.equal(sent?.body.notes.user_id, user.id);

  const subscriptionId: string = created.body.subscription_id;
  const now = billing.stack.clock.now();
  const periodEnd = new Date(Math.floor((now.getTime() + 30 * DAY_MS) / 1000) * 1000);
  const checkout = billing.razorpay.completeCheckout(subscriptionId, now, periodEnd);

  const verified = await verify(user, {
    razorpay_payment_id: checkout.paymentId,
    razorpay_subscription_id: subscriptionId,
    razorpay_signature: checkout.signature,
  });
  assert.equal(verified.status, 200);
  assert.deepEqual(verified.body, { status: 'active', plan: 'pro', current_period_end: periodEnd.toISOString() });
  assert.equal((await User.findByPk(user.id))!.plan, 'pro');
  assert.equal(await currentPlan(billing.stack.infra, user.id), 'pro');
  const quota = await callWorker(billing.stack.infra.nc, billing.stack.infra.subjects.quota.status, { user_id: user.id }, 2000);
  assert.equal(quota.limit, billing.stack.config.PRO_DAILY_MESSAGES, 'the quota pool sees Pro limits at once');

  const current = await http(billing.stack.url, 'GET', '/v1/subscriptions/current', { token: user.token });
  assert.deepEqual(current.body, { plan: 'pro', status: 'active', current_period_end: periodEnd.toISOString(), cancel_at_period_end: false });

  const again = await subscribe(user);
  assert.equal(again.status, 409);
  assert.equal(again.body.error.code, 'conflict');
});

test('a checkout signature that does not verify is 400 invalid_signature and changes nothing', async () => {
  const user = await signUp(billing.stack);
  const created = await subscribe(user);
  const subscriptionId: string = created.body.subscription_id;
  const checkout = billing.razorpay.completeCheckout(subscriptionId, billing.stack.clock.now(), new Date(Date.now() + 30 * DAY_MS));
  for (const signature of ['0'.repeat(64), checkout.signature.slice(0, 40), `${checkout.signature}00`]) {
    const response = await verify(user, { razorpay_payment_id: checkout.paymentId, razorpay_subscription_id: subscriptionId, razorpay_signature: signature });
    assert.equal(response.status, 400);
    assert.equal(response.body.error.code, 'invalid_signature');
  }
  const swapped = await verify(user, { razorpay_payment_id: 'pay_SomeoneElse01', razorpay_subscription_id: subscriptionId, razorpay_signature: checkout.signature });
  assert.equal(swapped.body.error.code, 'invalid_signature');
  const madeUp = await verify(user, { razorpay_payment_id: 'pay_MadeUp0001', razorpay_subscription_id: 'sub_MadeUp0001', razorpay_signature: '0'.repeat(64) });
  assert.equal(madeUp.status, 400, 'a bad signature is 400 even for a subscription nobody has');
  assert.equal(madeUp.body.error.code, 'invalid_signature');
  assert.equal((await Subscription.findByPk(subscriptionId))!.status, 'created');
  assert.equal(await currentPlan(billing.stack.infra, user.id), 'free');
});

test("another user's subscription is 404, and no token is 401", async () => {
  const owner = await signUp(billing.stack);
  const stranger = await signUp(billing.stack);
  const created = await subscribe(owner);
  const subscriptionId: string = created.body.subscription_id;
  const checkout = billing.razorpay.completeCheckout(subscriptionId, billing.stack.clock.now(), new Date(Date.now() + 30 * DAY_MS));
  const body = { razorpay_payment_id: checkout.paymentId, razorpay_subscription_id: subscriptionId, razorpay_signature: checkout.signature };

  const foreign = await verify(stranger, body);
  assert.equal(foreign.status, 404);
  assert.equal(foreign.body.error.code, 'not_found');
  assert.equal(await currentPlan(billing.stack.infra, stranger.id), 'free');
  assert.equal(await currentPlan(billing.stack.infra, owner.id), 'free');

  for (const [method, path] of [['POST', '/v1/subscriptions'], ['POST', '/v1/subscriptions/verify'], ['GET', '/v1/subscriptions/current'], ['POST', '/v1/subscriptions/cancel']] as const) {
    const response = await http(billing.stack.url, method, path, method === 'POST' ? { body: {} } : {});
    assert.equal(response.status, 401, `${method} ${path}`);
  }
});

test('bad input is 422 and reaches neither Razorpay nor the database', async () => {
  const user = await signUp(billing.stack);
  const requestsBefore = billing.razorpay.requests.length;
  const cases = [
    await subscribe(user, { plan_id: 'pro_forever' }),
    await subscribe(user, { plan_id: 'pro_monthly', price: 1 }),
    await subscribe(user, {}),
    await verify(user, { razorpay_payment_id: 'pay_x', razorpay_subscription_id: 'sub_x' }),
    await http(billing.stack.url, 'POST', '/v1/subscriptions/cancel', { token: user.token, body: { at_period_end: 'yes' } }),
  ];
  for (const response of cases) {
    assert.equal(response.status, 422);
    assert.equal(response.body.error.code, 'validation_failed');
  }
  assert.equal(billing.razorpay.requests.length, requestsBefore);
  assert.equal(await Subscription.count({ where: { user_id: user.id } }), 0);
});

test('Razorpay down is 503 unavailable, Razorpay refusing is 502 upstream_error', async () => {
  const user = await signUp(billing.stack);
  billing.razorpay.failNext(503);
  const down = await subscribe(user);
  assert.equal(down.status, 503);
  assert.equal(down.body.error.code, 'unavailable');
  billing.razorpay.failNext(400);
  const refused = await subscribe(user);
  assert.equal(refused.status, 502);
  assert.equal(refused.body.error.code, 'upstream_error');
  assert.equal(await Subscription.count({ where: { user_id: user.id } }), 0);
});
