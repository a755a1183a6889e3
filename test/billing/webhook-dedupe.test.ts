import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { recordAndApplyWebhook } from '../../shared/billing/webhook-apply.js';
import { Payment, Subscription, User, WebhookEvent } from '../../shared/db/models/index.js';
import { startBillingStack, PLAN_PRO_MONTHLY, type BillingStack } from '../helpers/billing-stack.js';
import { deliverWebhook, newEventId, subscriptionEvent, unix, waitFor } from '../helpers/razorpay-events.js';
import { signUp } from '../helpers/users.js';

let billing: BillingStack;
const DAY = 24 * 60 * 60;

before(async () => {
  billing = await startBillingStack();
});
after(async () => {
  await billing?.close();
});

const chargedEvent = (subscriptionId: string, paymentId: string, userId: string) => {
  const now = unix(billing.stack.clock.now());
  return subscriptionEvent(
    'subscription.charged',
    { id: subscriptionId, plan_id: PLAN_PRO_MONTHLY, status: 'active', current_start: now, current_end: now + 30 * DAY, notes: { user_id: userId } },
    now,
    { id: paymentId, amount: 19900, method: 'card', captured: '1' },
  );
};

test('the same event delivered 10 times at once is stored and applied once', async () => {
  const user = await signUp(billing.stack);
  const eventId = newEventId();
  const body = chargedEvent('sub_TenTimes00001', 'pay_TenTimes00001', user.id);
  const responses = await Promise.all(
    Array.from({ length: 10 }, () => deliverWebhook(billing.stack.url, body, { secret: billing.webhookSecret, eventId })),
  );
  assert.deepEqual(responses.map((response) => response.status), Array(10).fill(200));
  assert.equal(responses.filter((response) => !response.body.duplicate).length, 1, 'JetStream kept one copy');

  await waitFor('the event applied', async () => (await WebhookEvent.findByPk(eventId)) !== null);
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.equal(await WebhookEvent.count({ where: { id: eventId } }), 1);
  assert.equal(await Payment.count({ where: { id: 'pay_TenTimes00001' } }), 1);
  assert.equal((await User.findByPk(user.id))!.plan, 'pro');
});

test('past the JetStream dedup window, webhook_events still applies an event once', async () => {
  const user = await signUp(billing.stack);
  const eventId = newEventId();
  const body = chargedEvent('sub_OutOfWindow01', 'pay_OutOfWindow01', user.id);
  const outcomes = await Promise.all(Array.from({ length: 10 }, () => recordAndApplyWebhook(billing.stack.infra, eventId, body)));
  assert.equal(outcomes.filter((outcome) => outcome === 'applied').length, 1);
  assert.equal(outcomes.filter((outcome) => outcome === 'duplicate').length, 9);
  assert.equal(await Payment.count({ where: { id: 'pay_OutOfWindow01' } }), 1);
  assert.equal((await Payment.findByPk('pay_OutOfWindow01'))!.user_id, user.id);
});

test('different events of one new subscription applied concurrently converge on the latest', async () => {
  const user = await signUp(billing.stack);
  const id = 'sub_Concurrent001';
  const now = unix(billing.stack.clock.now());
  const notes = { user_id: user.id };
  const statuses = ['authenticated', 'active', 'pending', 'active', 'halted'];
  const bodies = statuses.map((status, index) =>
    subscriptionEvent(`subscription.${status}`, { id, plan_id: PLAN_PRO_MONTHLY, status, current_start: now, current_end: now + 30 * DAY, notes }, now + index),
  );
  const outcomes = await Promise.all(bodies.map((body) => recordAndApplyWebhook(billing.stack.infra, newEventId(), body)));
  assert.deepEqual(outcomes, Array(statuses.length).fill('applied'));
  const stored = await Subscription.findByPk(id);
  assert.equal(stored!.status, 'halted');
  assert.equal(Number(stored!.last_event_at), now + statuses.length - 1);
  assert.equal((await User.findByPk(user.id))!.plan, 'free');
});

test('concurrent events of two subscriptions of one user leave the plan both allow', async () => {
  const user = await signUp(billing.stack);
  const now = unix(billing.stack.clock.now());
  const notes = { user_id: user.id };
  const period = { current_start: now, current_end: now + 30 * DAY, notes, plan_id: PLAN_PRO_MONTHLY };
  const bodies = [
    subscriptionEvent('subscription.activated', { id: 'sub_TwoSubsKeep01', status: 'active', ...period }, now),
    subscriptionEvent('subscription.activated', { id: 'sub_TwoSubsDrop01', status: 'active', ...period }, now),
    subscriptionEvent('subscription.halted', { id: 'sub_TwoSubsDrop01', status: 'halted', ...period }, now + 5),
  ];
  await Promise.all(bodies.map((body) => recordAndApplyWebhook(billing.stack.infra, newEventId(), body)));
  assert.equal((await Subscription.findByPk('sub_TwoSubsDrop01'))!.status, 'halted');
  assert.equal((await User.findByPk(user.id))!.plan, 'pro', 'the other subscription still pays for Pro');
});
