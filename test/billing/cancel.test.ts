import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { expireLapsedPlans } from '../../shared/billing/plan-expiry.js';
import { Subscription, User } from '../../shared/db/models/index.js';
import { currentPlan } from '../../shared/domain/plan.js';
import { startBillingStack, subscribePro, PLAN_PRO_MONTHLY, type BillingStack } from '../helpers/billing-stack.js';
import { http } from '../helpers/http.js';
import { deliverWebhook, newEventId, subscriptionEvent, unix, waitFor } from '../helpers/razorpay-events.js';
import { signUp, TEST_PASSWORD, type TestUser } from '../helpers/users.js';

let billing: BillingStack;

before(async () => {
  billing = await startBillingStack();
});
after(async () => {
  await billing?.close();
});

const proUser = () => subscribePro(billing);

const cancel = (user: TestUser, body: unknown) => http(billing.stack.url, 'POST', '/v1/subscriptions/cancel', { token: user.token, body });

test('cancel at period end keeps Pro until current_end, then free', async () => {
  const { user, subscriptionId, periodEnd } = await proUser();
  const response = await cancel(user, { at_period_end: true });
  assert.equal(response.status, 200);
  assert.deepEqual(response.body, { plan: 'pro', status: 'active', current_period_end: periodEnd.toISOString(), cancel_at_period_end: true });
  const sent = billing.razorpay.requests.at(-1);
  assert.equal(sent?.path, `/v1/subscriptions/${subscriptionId}/cancel`);
  assert.equal(sent?.body.cancel_at_cycle_end, 1);

  const again = await cancel(user, {});
  assert.equal(again.status, 200, 'at_period_end defaults to true and repeating it is harmless');
  assert.equal(again.body.cancel_at_period_end, true);

  try {
    billing.stack.clock.set(new Date(periodEnd.getTime() - 60_000));
    assert.deepEqual(await expireLapsedPlans(billing.stack.infra), []);
    assert.equal(await currentPlan(billing.stack.infra, user.id), 'pro');

    billing.stack.clock.set(new Date(periodEnd.getTime() + 1000));
    assert.ok((await expireLapsedPlans(billing.stack.infra)).includes(user.id));
    assert.equal((await User.findByPk(user.id))!.plan, 'free');
    assert.equal(await currentPlan(billing.stack.infra, user.id), 'free');
    // A month later the first access token has expired: sign in again, as the app would.
    const session = await http(billing.stack.url, 'POST', '/v1/auth/login', { body: { email: user.email, password: TEST_PASSWORD } });
    const current = await http(billing.stack.url, 'GET', '/v1/subscriptions/current', { token: session.body.access_token });
    assert.deepEqual(current.body, { plan: 'free', status: 'active', current_period_end: periodEnd.toISOString(), cancel_at_period_end: true });

    const end = unix(periodEnd);
    const cancelled = subscriptionEvent(
      'subscription.cancelled',
      { id: subscriptionId, plan_id: PLAN_PRO_MONTHLY, status: 'cancelled', current_start: end - 30 * 86400, current_end: end, notes: { user_id: user.id } },
      end + 1,
    );
    const eventId = newEventId();
    assert.equal((await deliverWebhook(billing.stack.url, cancelled, { secret: billing.webhookSecret, eventId })).status, 200);
    await waitFor('the cancelled event', async () => (await Subscription.findByPk(subscriptionId))!.status === 'cancelled');
    assert.equal(await currentPlan(billing.stack.infra, user.id), 'free');
  } finally {
    billing.stack.clock.release();
  }
});

test('cancel at once ends Pro now', async () => {
  const { user, subscriptionId } = await proUser();
  const response = await cancel(user, { at_period_end: false });
  assert.equal(response.status, 200);
  assert.equal(response.body.plan, 'free');
  assert.equal(response.body.status, 'cancelled');
  assert.equal(response.body.cancel_at_period_end, false);
  assert.equal(billing.razorpay.requests.at(-1)?.body.cancel_at_cycle_end, undefined);
  assert.equal((await Subscription.findByPk(subscriptionId))!.status, 'cancelled');
  assert.equal(await currentPlan(billing.stack.infra, user.id), 'free');
});

test('cancelling without a running subscription is 404, and bad input 422', async () => {
  const user = await signUp(billing.stack);
  const none = await cancel(user, { at_period_end: true });
  assert.equal(none.status, 404);
  assert.equal(none.body.error.code, 'not_found');
  const unknownField = await cancel(user, { at_period_end: true, refund: true });
  assert.equal(unknownField.status, 422);
  const current = await http(billing.stack.url, 'GET', '/v1/subscriptions/current', { token: user.token });
  assert.deepEqual(current.body, { plan: 'free', status: 'none', current_period_end: null, cancel_at_period_end: false });
});
