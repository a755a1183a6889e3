import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Subscription, User } from '../../shared/db/models/index.js';
import { jobs } from '../../workers/archival/jobs/index.js';
import { startBillingStack, subscribePro, type BillingStack } from '../helpers/billing-stack.js';

let billing: BillingStack;
const DAY_MS = 24 * 60 * 60 * 1000;
const seconds = (at: Date) => Math.floor(at.getTime() / 1000);

before(async () => {
  billing = await startBillingStack();
});
after(async () => {
  await billing?.close();
});

const proSubscriber = () => subscribePro(billing);

test('a renewal whose webhook never came is read back from Razorpay: the user stays Pro', async () => {
  billing.stack.clock.set('2026-11-01T00:00:00Z');
  const { user, subscriptionId, periodEnd } = await proSubscriber();
  const renewedEnd = new Date(periodEnd.getTime() + 30 * DAY_MS);
  Object.assign(billing.razorpay.subscriptions.get(subscriptionId)!, {
    current_start: seconds(periodEnd), current_end: seconds(renewedEnd), paid_count: 2,
  });
  billing.stack.clock.set(new Date(periodEnd.getTime() + 2 * 60 * 60 * 1000));

  const result = await jobs.subscription_expiry.run(billing.stack.infra, {});
  assert.deepEqual(result, { reconciled: 1, downgraded: 0 });
  assert.equal((await Subscription.findByPk(subscriptionId))!.current_end?.toISOString(), renewedEnd.toISOString());
  assert.equal((await User.findByPk(user.id))!.plan, 'pro');
});

test('a subscription Razorpay halted without telling us is reconciled and the user goes back to free', async () => {
  billing.stack.clock.set('2026-11-01T00:00:00Z');
  const { user, subscriptionId, periodEnd } = await proSubscriber();
  billing.razorpay.subscriptions.get(subscriptionId)!.status = 'halted';
  billing.stack.clock.set(new Date(periodEnd.getTime() + 2 * 60 * 60 * 1000));

  const result = await jobs.subscription_expiry.run(billing.stack.infra, {});
  assert.equal(result.reconciled, 1);
  assert.equal((await Subscription.findByPk(subscriptionId))!.status, 'halted');
  assert.equal((await User.findByPk(user.id))!.plan, 'free');
  assert.deepEqual(await jobs.subscription_expiry.run(billing.stack.infra, {}), { reconciled: 0, downgraded: 0 }, 'idempotent');
});
