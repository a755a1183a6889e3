import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Subscription, WebhookEvent } from '../../shared/db/models/index.js';
import { currentPlan } from '../../shared/domain/plan.js';
import { billingPool } from '../../workers/billing/index.js';
import { startPool, type RunningPool } from '../../workers/runtime.js';
import { startBillingStack, PLAN_PRO_MONTHLY, type BillingStack } from '../helpers/billing-stack.js';
import { deliverWebhook, newEventId, subscriptionEvent, unix, waitFor } from '../helpers/razorpay-events.js';
import { signUp } from '../helpers/users.js';

let billing: BillingStack;
let revived: RunningPool | undefined;

before(async () => {
  billing = await startBillingStack();
});
after(async () => {
  await revived?.stop();
  await billing?.close();
});

test('an event acknowledged while no billing worker runs is applied when one comes back', async () => {
  const user = await signUp(billing.stack);
  const original = billing.stack.workers.find((worker) => worker.name === 'billing');
  assert.ok(original);
  await original.stop();

  const eventId = newEventId();
  const now = unix(billing.stack.clock.now());
  const body = subscriptionEvent(
    'subscription.activated',
    { id: 'sub_CrashRecover1', plan_id: PLAN_PRO_MONTHLY, status: 'active', current_start: now, current_end: now + 30 * 86400, notes: { user_id: user.id } },
    now,
  );
  const response = await deliverWebhook(billing.stack.url, body, { secret: billing.webhookSecret, eventId });
  assert.equal(response.status, 200, 'acknowledged once JetStream holds it, with no worker running');
  await new Promise((resolve) => setTimeout(resolve, 500));
  assert.equal(await WebhookEvent.findByPk(eventId), null, 'nothing applied while the pool is down');
  assert.equal(await currentPlan(billing.stack.infra, user.id), 'free');

  revived = await startPool(billingPool, billing.stack.infra);
  await waitFor('the event applied by the new worker', async () => (await WebhookEvent.findByPk(eventId)) !== null);
  assert.equal((await Subscription.findByPk('sub_CrashRecover1'))!.status, 'active');
  // The plan cached as free above is dropped by the worker's planChanged message, a moment after its commit.
  await waitFor('the plan cache to drop the old plan', async () => (await currentPlan(billing.stack.infra, user.id)) === 'pro');
});
