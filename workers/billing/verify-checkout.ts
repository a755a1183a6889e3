import { z } from 'zod';
import { refreshSubscriptionFromRazorpay } from '../../shared/billing/reconcile.js';
import { checkoutSignatureMatches } from '../../shared/billing/signatures.js';
import { Subscription } from '../../shared/db/models/index.js';
import { currentPlan } from '../../shared/domain/plan.js';
import { AppError, notFound } from '../../shared/errors.js';
import { defineHandler } from '../runtime.js';

const razorpayId = z.string().min(1).max(64);

/**
 * Completes a checkout: the signature proves Razorpay took the payment (a bad one is 400 whatever it
 * names, before anything is looked up), the subscription must be the user's (else 404), then it is
 * fetched from Razorpay and stored, so the user is Pro at once instead of when the webhook lands.
 */
export const verifyCheckout = defineHandler({
  subject: (subjects) => subjects.billing.verifyCheckout,
  schema: z.object({
    user_id: z.string().min(1),
    razorpay_payment_id: razorpayId,
    razorpay_subscription_id: razorpayId,
    razorpay_signature: z.string().min(1).max(200),
  }),
  async handle(request, infra) {
    const { user_id: userId, razorpay_subscription_id: subscriptionId } = request;
    const secret = infra.config.RAZORPAY_KEY_SECRET;
    if (!secret) throw new AppError('unavailable', 'Billing is not configured on this server');
    if (!checkoutSignatureMatches(secret, request.razorpay_payment_id, subscriptionId, request.razorpay_signature)) {
      throw new AppError('invalid_signature', 'The checkout signature does not verify');
    }
    const owned = await Subscription.findOne({ where: { id: subscriptionId, user_id: userId }, attributes: ['id'] });
    if (!owned) throw notFound('subscription');

    const stored = await refreshSubscriptionFromRazorpay(infra, subscriptionId, { user_id: userId });
    infra.log.info({ user_id: userId, subscription_id: subscriptionId, status: stored.status }, 'checkout verified');
    return {
      status: stored.status,
      plan: await currentPlan(infra, userId),
      current_period_end: stored.current_end?.toISOString() ?? null,
    };
  },
});
