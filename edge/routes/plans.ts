import { billingPlans } from '../../shared/billing/plans.js';
import type { EdgeDeps } from '../deps.js';
import type { ApiRouter } from '../route.js';
import { planListSchema } from './billing.schema.js';

export function planRoutes(api: ApiRouter, { infra }: EdgeDeps): void {
  api.add(
    {
      method: 'get', path: '/v1/plans', summary: 'Plans on sale, with price and features', tag: 'billing', access: 'public',
      responses: { 200: { description: 'The plans', schema: planListSchema } },
    },
    async () => ({
      items: billingPlans(infra.config).map(({ id, name, amount_paise, currency, interval, features }) => ({
        id, name, amount_paise, currency, interval, features,
      })),
    }),
  );
}
