import type { Pool } from '../runtime.js';
import { cancelSubscription } from './cancel-subscription.js';
import { createSubscription } from './create-subscription.js';
import { reconcileSubscription } from './reconcile-subscription.js';
import { verifyCheckout } from './verify-checkout.js';
import { consumeWebhooks } from './webhook-consumer.js';

/** Razorpay: subscriptions on request, and the webhook events from JetStream in the background. */
export const billingPool: Pool = {
  name: 'billing',
  handlers: [createSubscription, verifyCheckout, cancelSubscription, reconcileSubscription],
  start: consumeWebhooks,
};
