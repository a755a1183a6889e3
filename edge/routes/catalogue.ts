import { z } from 'zod';
import { languageCodes, languages } from '../../shared/languages.js';
import { listInterests } from '../../shared/interests.js';
import type { EdgeDeps } from '../deps.js';
import type { ApiRouter } from '../route.js';

const languageListSchema = z.object({
  items: z.array(z.object({ code: z.string(), name: z.string(), native_name: z.string(), script: z.string() })),
});
const interestListSchema = z.object({ items: z.array(z.object({ slug: z.string(), name: z.string() })) });

export function catalogueRoutes(api: ApiRouter, _deps: EdgeDeps): void {
  api.add(
    {
      method: 'get', path: '/v1/languages', summary: 'The 12 languages Saathi speaks', tag: 'profile', access: 'public',
      responses: { 200: { description: 'English and 11 Indian languages', schema: languageListSchema } },
    },
    async () => ({ items: languages }),
  );

  api.add(
    {
      method: 'get', path: '/v1/interests', summary: 'The interest catalogue, named in a language', tag: 'profile', access: 'public',
      query: z.strictObject({ language: z.enum(languageCodes).default('en') }),
      responses: { 200: { description: 'Interests in catalogue order', schema: interestListSchema }, 422: { description: 'Unknown language' } },
    },
    async (_ctx, { query }) => ({ items: await listInterests(query.language) }),
  );
}
