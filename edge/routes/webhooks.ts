import { acceptRazorpayWebhook } from '../../shared/billing/webhook-intake.js';
import type { EdgeDeps } from '../deps.js';
import type { ApiRouter } from '../route.js';
import { webhookReceiptSchema } from './billing.schema.js';

export function webhookRoutes(api: ApiRouter, { infra }: EdgeDeps): void {
  api.add(
    {
      method: 'post', path: '/v1/webhooks/razorpay', summary: 'Razorpay webhook (signed with X-Razorpay-Signature)', tag: 'billing', access: 'public', rawBody: true,
      responses: {
        200: { description: 'Durably stored; applied by the billing pool', schema: webhookReceiptSchema },
        400: { description: '`invalid_signature`, or a malformed body or x-razorpay-event-id' },
        503: { description: 'Not stored (NATS down or webhooks not configured); Razorpay retries' },
      },
    },
    async (ctx) => {
      const receipt = await acceptRazorpayWebhook(
        infra,
        ctx.state.rawBody,
        ctx.get('X-Razorpay-Signature') || undefined,
        ctx.get('X-Razorpay-Event-Id') || undefined,
      );
      return { status: 'received', ...receipt };
    },
  );
}
