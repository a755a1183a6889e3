import { expireLapsedPlans } from '../../../shared/billing/plan-expiry.js';
import { staleSubscriptionIds } from '../../../shared/billing/reconcile.js';
import { callWorker } from '../../../shared/rpc.js';
import type { JobDefinition } from './job.js';

const RECONCILE_BATCH = 100;

/**
 * Hourly: subscriptions whose renewal webhook never came are re-read from Razorpay through the
 * billing pool, then Pro users whose paid period (or grace) has ended go back to free.
 */
export const subscriptionExpiryJob: JobDefinition = {
  name: 'subscription_expiry',
  schedule: '0 * * * *',
  run: async (infra) => {
    let reconciled = 0;
    for (const id of await staleSubscriptionIds(infra, RECONCILE_BATCH)) {
      const outcome = await callWorker(infra.nc, infra.subjects.billing.reconcileSubscription, { subscription_id: id }, infra.config.RPC_TIMEOUT_MS)
        .then(() => true, (error: Error) => (infra.log.warn({ err: error.message, subscription_id: id }, 'could not reconcile a subscription'), false));
      if (outcome) reconciled += 1;
    }
    const downgraded = await expireLapsedPlans(infra);
    return { reconciled, downgraded: downgraded.length };
  },
};
