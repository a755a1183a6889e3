import { z } from 'zod';
import { dailyUsage } from '../../shared/usage/read.js';
import type { EdgeDeps } from '../deps.js';
import type { ApiRouter } from '../route.js';

const MAX_DAYS = 90;

const usageQuery = z.strictObject({
  days: z.coerce.number().int().min(1).max(MAX_DAYS).default(7),
});

const usageItem = z.object({
  date: z.string().describe('IST calendar date, YYYY-MM-DD'),
  messages: z.number().int(),
  prompt_tokens: z.number().int(),
  completion_tokens: z.number().int(),
});

export function usageRoutes(api: ApiRouter, { infra }: EdgeDeps): void {
  api.add(
    {
      method: 'get', path: '/v1/me/usage', summary: 'Messages and tokens per IST day', tag: 'profile', access: 'user',
      query: usageQuery,
      responses: {
        200: {
          description: `One item per IST day for the last \`days\` (1–${MAX_DAYS}, default 7) days, today included and live, oldest first; days without use are zeros`,
          schema: z.object({ items: z.array(usageItem) }),
        },
      },
    },
    async (_ctx, { query, auth }) => ({ items: await dailyUsage(infra, auth.user_id, query.days) }),
  );
}
