import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Op } from 'sequelize';
import { expireLapsedPlans } from '../../shared/billing/plan-expiry.js';
import { Payment, Subscription, User, WebhookEvent } from '../../shared/db/models/index.js';
import { currentPlan } from '../../shared/domain/plan.js';
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

interface Delivery {
  eventId: string;
  body: string;
}

/** Delivers events one by one and waits until the billing pool has stored every one. */
async function deliverAll(deliveries: Delivery[]): Promise<void> {
  for (const { eventId, body } of deliveries) {
    const response = await deliverWebhook(billing.stack.url, body, { secret: billing.webhookSecret, eventId });
    assert.equal(response.status, 200);
  }
  const ids = deliveries.map((delivery) => delivery.eventId);
  await waitFor('every event applied', async () => (await WebhookEvent.count({ where: { id: { [Op.in]: ids } } })) === ids.length);
}

const event = (name: string, fields: Parameters<typeof subscriptionEvent>[1], at: number, payment?: Parameters<typeof subscriptionEvent>[3]) => ({
  eventId: newEventId(),
  body: subscriptionEvent(name, { plan_id: PLAN_PRO_MONTHLY, ...fields }, at, payment),
});

test('a lifecycle delivered in reverse order ends active, Pro, with the charge recorded once', async () => {
  const user = await signUp(billing.stack);
  const now = unix(billing.stack.clock.now());
  const id = 'sub_ReverseActive1';
  const periodEnd = now + 30 * DAY;
  const notes = { user_id: user.id };
  const lifecycle = [
    event('subscription.authenticated', { id, status: 'authenticated', notes }, now - 120),
    event('subscription.activated', { id, status: 'active', current_start: now - 60, current_end: periodEnd, notes }, now - 60),
    event('subscription.charged', { id, status: 'active', current_start: String(now - 60), current_end: String(periodEnd), notes: [] }, now - 59, {
      id: 'pay_ReverseCharge1', amount: '19900', method: 'card', captured: '1',
    }),
  ];
  await deliverAll([...lifecycle].reverse());

  const stored = await Subscription.findByPk(id);
  assert.equal(stored!.status, 'active');
  assert.equal(stored!.user_id, user.id);
  assert.equal(stored!.plan_id, 'pro_monthly');
  assert.equal(Number(stored!.last_event_at), now - 59);
  assert.equal(stored!.current_end!.getTime(), periodEnd * 1000);
  const payments = await Payment.findAll({ where: { subscription_id: id } });
  assert.equal(payments.length, 1);
  assert.equal(Number(payments[0]!.amount_paise), 19900);
  assert.equal(payments[0]!.method, 'card');
  assert.equal(payments[0]!.status, 'captured');
  assert.equal(payments[0]!.user_id, user.id);
  assert.equal((await User.findByPk(user.id))!.plan, 'pro');
  assert.equal(await currentPlan(billing.stack.infra, user.id), 'pro');

  await deliverAll(lifecycle.map(({ body }) => ({ eventId: newEventId(), body })));
  assert.equal((await Subscription.findByPk(id))!.status, 'active', 'older snapshots under new ids change nothing');
  assert.equal(await Payment.count({ where: { subscription_id: id } }), 1);
});

test('active ⇄ pending → halted: pending keeps Pro within the grace period, halted ends it, in any order', async () => {
  const user = await signUp(billing.stack);
  const now = unix(billing.stack.clock.now());
  const id = 'sub_PendingHalt01';
  const notes = { user_id: user.id };
  const periodEnd = now - 60;
  const active = event('subscription.activated', { id, status: 'active', current_start: periodEnd - 30 * DAY, current_end: periodEnd, notes }, periodEnd - 30 * DAY);
  const pending = event('subscription.pending', { id, status: 'pending', current_start: periodEnd - 30 * DAY, current_end: periodEnd, notes }, now - 30);
  await deliverAll([pending, active]);
  assert.equal((await Subscription.findByPk(id))!.status, 'pending');
  assert.equal(await currentPlan(billing.stack.infra, user.id), 'pro', 'pending within PRO_GRACE_DAYS is still Pro');

  const halted = event('subscription.halted', { id, status: 'halted', current_start: null, current_end: null, notes }, now - 10);
  const lateCharge = event('subscription.charged', { id, status: 'active', current_start: periodEnd - 30 * DAY, current_end: periodEnd, notes }, periodEnd - 30 * DAY + 5, {
    id: 'pay_FirstCharge01', amount: 19900, method: 'upi', captured: true,
  });
  await deliverAll([halted, lateCharge]);
  const stored = await Subscription.findByPk(id);
  assert.equal(stored!.status, 'halted');
  assert.equal(stored!.current_end!.getTime(), periodEnd * 1000, 'a snapshot without dates keeps the known period');
  assert.equal((await User.findByPk(user.id))!.plan, 'free');
  assert.equal(await currentPlan(billing.stack.infra, user.id), 'free');
  assert.equal(await Payment.count({ where: { id: 'pay_FirstCharge01' } }), 1, 'a late charge is still recorded');
});

test('pending past the grace period turns free when plans are re-derived', async () => {
  const user = await signUp(billing.stack);
  const now = unix(billing.stack.clock.now());
  const id = 'sub_PendingGrace1';
  await deliverAll([event('subscription.pending', { id, status: 'pending', current_start: now - 31 * DAY, current_end: now - DAY, notes: { user_id: user.id } }, now)]);
  assert.equal(await currentPlan(billing.stack.infra, user.id), 'pro');

  billing.stack.clock.advance((billing.stack.config.PRO_GRACE_DAYS * DAY + 60) * 1000);
  try {
    assert.ok((await expireLapsedPlans(billing.stack.infra)).includes(user.id));
    assert.equal(await currentPlan(billing.stack.infra, user.id), 'free');
  } finally {
    billing.stack.clock.release();
  }
});

test('paused and resumed follow the latest event', async () => {
  const user = await signUp(billing.stack);
  const now = unix(billing.stack.clock.now());
  const id = 'sub_PauseResume1';
  const fields = { id, current_start: now - DAY, current_end: now + 29 * DAY, notes: { user_id: user.id } };
  const paused = event('subscription.paused', { ...fields, status: 'paused' }, now - 20);
  const resumed = event('subscription.resumed', { ...fields, status: 'active' }, now - 10);
  await deliverAll([paused]);
  assert.equal(await currentPlan(billing.stack.infra, user.id), 'free');
  await deliverAll([resumed]);
  assert.equal(await currentPlan(billing.stack.infra, user.id), 'pro');
});
