import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { jetstreamManager } from '@nats-io/jetstream';
import Razorpay from 'razorpay';
import { Payment, WebhookEvent } from '../../shared/db/models/index.js';
import { startBillingStack, type BillingStack } from '../helpers/billing-stack.js';
import { deliverWebhook, newEventId, paymentEvent, signWebhook, subscriptionEvent, unix, waitFor } from '../helpers/razorpay-events.js';

let billing: BillingStack;

before(async () => {
  billing = await startBillingStack();
});
after(async () => {
  await billing?.close();
});

const storedInStream = async () => {
  const jsm = await jetstreamManager(billing.stack.infra.nc);
  return (await jsm.streams.info(billing.stack.infra.subjects.streams.webhooks.name)).state.messages;
};

const capturedUpi = (paymentId: string) =>
  paymentEvent('payment.captured', { id: paymentId, amount: 19900, method: 'upi', status: 'captured' }, unix(new Date()));

test('a signed fixture-shaped event is accepted, and our signature agrees with the SDK', async () => {
  const body = capturedUpi('pay_SigOk0000001');
  const signature = signWebhook(body, billing.webhookSecret);
  assert.equal(Razorpay.validateWebhookSignature(body, signature, billing.webhookSecret), true);

  const response = await deliverWebhook(billing.stack.url, body, { secret: billing.webhookSecret, signature });
  assert.equal(response.status, 200);
  assert.equal(response.body.status, 'received');
  assert.equal(response.body.duplicate, false);
  await waitFor('the payment', async () => (await Payment.findByPk('pay_SigOk0000001')) !== null);
  const payment = await Payment.findByPk('pay_SigOk0000001');
  assert.equal(Number(payment!.amount_paise), 19900);
  assert.equal(payment!.method, 'upi');
  assert.equal(payment!.status, 'captured');
});

test('forged, unsigned and tampered webhooks are refused with invalid_signature and nothing is stored', async () => {
  const before = await storedInStream();
  const body = capturedUpi('pay_Forged000001');
  const forged = signWebhook(body, 'not-the-webhook-secret');
  assert.equal(Razorpay.validateWebhookSignature(body, forged, billing.webhookSecret), false);

  const tampered = body.replace('"amount": 19900', '"amount": 1');
  assert.notEqual(tampered, body);
  const attempts = [
    await deliverWebhook(billing.stack.url, body, { secret: billing.webhookSecret, signature: forged }),
    await deliverWebhook(billing.stack.url, body, { secret: billing.webhookSecret, signature: '' }),
    await deliverWebhook(billing.stack.url, body, { secret: billing.webhookSecret, signature: 'zz' }),
    await deliverWebhook(billing.stack.url, tampered, { secret: billing.webhookSecret, signature: signWebhook(body, billing.webhookSecret) }),
  ];
  for (const response of attempts) {
    assert.equal(response.status, 400);
    assert.equal(response.body.error.code, 'invalid_signature');
  }
  assert.equal(await storedInStream(), before);
  assert.equal(await Payment.count({ where: { id: 'pay_Forged000001' } }), 0);
});

test('a truncated body is refused and nothing is stored', async () => {
  const before = await storedInStream();
  const body = capturedUpi('pay_Truncated001');
  const truncated = body.slice(0, body.length - 40);
  const response = await deliverWebhook(billing.stack.url, truncated, {
    secret: billing.webhookSecret,
    signature: signWebhook(body, billing.webhookSecret),
  });
  assert.equal(response.status, 400);
  assert.equal(response.body.error.code, 'bad_request', 'the JSON body middleware refuses it before the signature check');
  assert.equal(await storedInStream(), before);
});

test('a replayed event is acknowledged again but changes nothing', async () => {
  const eventId = newEventId();
  const body = capturedUpi('pay_Replayed0001');
  const first = await deliverWebhook(billing.stack.url, body, { secret: billing.webhookSecret, eventId });
  assert.equal(first.status, 200);
  await waitFor('the first delivery', async () => (await WebhookEvent.findByPk(eventId)) !== null);

  const replay = await deliverWebhook(billing.stack.url, body, { secret: billing.webhookSecret, eventId });
  assert.equal(replay.status, 200);
  assert.equal(replay.body.duplicate, true);
  assert.equal(await WebhookEvent.count({ where: { id: eventId } }), 1);
  assert.equal(await Payment.count({ where: { id: 'pay_Replayed0001' } }), 1);
});

test('an event without x-razorpay-event-id is deduplicated by its body', async () => {
  const body = subscriptionEvent('subscription.authenticated', { id: 'sub_NoHeader00001', status: 'authenticated' }, unix(new Date()));
  const first = await deliverWebhook(billing.stack.url, body, { secret: billing.webhookSecret, eventId: null });
  const again = await deliverWebhook(billing.stack.url, body, { secret: billing.webhookSecret, eventId: null });
  assert.equal(first.status, 200);
  assert.equal(again.status, 200);
  assert.equal(again.body.event_id, first.body.event_id);
  assert.equal(again.body.duplicate, true);
});

test('a malformed event id header is a bad request', async () => {
  const body = capturedUpi('pay_BadHeader001');
  const response = await deliverWebhook(billing.stack.url, body, { secret: billing.webhookSecret, eventId: 'x'.repeat(65) });
  assert.equal(response.status, 400);
  assert.equal(response.body.error.code, 'bad_request');
});

test('a signed event Saathi does not understand is stored, acknowledged and changes nothing', async () => {
  const eventId = newEventId();
  const body = JSON.stringify({ entity: 'event', event: 'order.paid', created_at: 'soon', payload: { order: { entity: { id: 'order_X' } } } });
  const response = await deliverWebhook(billing.stack.url, body, { secret: billing.webhookSecret, eventId });
  assert.equal(response.status, 200);
  await waitFor('the event stored', async () => (await WebhookEvent.findByPk(eventId)) !== null);
  assert.equal((await WebhookEvent.findByPk(eventId))!.event, 'unreadable');
});
