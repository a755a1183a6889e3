import { subscriptionView } from '../../shared/billing/subscription-view.js';
import { callWorker } from '../../shared/rpc.js';
import type { EdgeDeps } from '../deps.js';
import type { ApiRouter } from '../route.js';
import {
  cancelSubscriptionBody,
  createdSubscriptionSchema,
  createSubscriptionBody,
  subscriptionViewSchema,
  verifiedCheckoutSchema,
  verifyCheckoutBody,
} from './billing.schema.js';

export function subscriptionRoutes(api: ApiRouter, { infra }: EdgeDeps): void {
  const { nc, subjects, config } = infra;
  const timeout = config.RPC_TIMEOUT_MS;

  api.add(
    {
      method: 'post', path: '/v1/subscriptions', summary: 'Start a Razorpay subscription for a plan', tag: 'billing', access: 'user',
      body: createSubscriptionBody,
      responses: {
        201: { description: 'Created; complete it with Razorpay Checkout, then POST /v1/subscriptions/verify', schema: createdSubscriptionSchema },
        409: { description: 'A subscription is already running' },
        422: { description: 'Unknown plan' },
      },
    },
    async (ctx, { body, auth }) => {
      const created = await callWorker(nc, subjects.billing.createSubscription, { user_id: auth.user_id, plan_id: body.plan_id }, timeout);
      ctx.status = 201;
      return created;
    },
  );

  api.add(
    {
      method: 'post', path: '/v1/subscriptions/verify', summary: 'Confirm a Razorpay Checkout payment', tag: 'billing', access: 'user',
      body: verifyCheckoutBody,
      responses: {
        200: { description: 'Verified; the plan is updated at once', schema: verifiedCheckoutSchema },
        400: { description: '`invalid_signature`: the checkout signature does not verify' },
        404: { description: 'No such subscription of this user' },
      },
    },
    async (_ctx, { body, auth }) => callWorker(nc, subjects.billing.verifyCheckout, { user_id: auth.user_id, ...body }, timeout),
  );

  api.add(
    {
      method: 'get', path: '/v1/subscriptions/current', summary: 'The plan and the subscription behind it', tag: 'billing', access: 'user',
      responses: { 200: { description: 'status is "none" for a user who never subscribed', schema: subscriptionViewSchema } },
    },
    async (_ctx, { auth }) => subscriptionView(infra, auth.user_id),
  );

  api.add(
    {
      method: 'post', path: '/v1/subscriptions/cancel', summary: 'Cancel at the end of the paid period, or at once', tag: 'billing', access: 'user',
      body: cancelSubscriptionBody,
      responses: {
        200: { description: 'The subscription after cancelling', schema: subscriptionViewSchema },
        404: { description: 'No running subscription' },
      },
    },
    async (_ctx, { body, auth }) =>
      callWorker(nc, subjects.billing.cancelSubscription, { user_id: auth.user_id, at_period_end: body.at_period_end }, timeout),
  );
}
