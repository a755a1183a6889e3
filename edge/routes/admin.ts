import { Op } from 'sequelize';
import { z } from 'zod';
import { addDays } from '../../shared/clock.js';
import { DailyStat } from '../../shared/db/models/index.js';
import { AppError, notFound } from '../../shared/errors.js';
import { isJobName, jobNames } from '../../shared/jobs.js';
import type { EdgeDeps } from '../deps.js';
import type { ApiRouter } from '../route.js';

const MAX_ANALYTICS_DAYS = 366;

const isCalendarDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value) && Number.isFinite(Date.parse(`${value}T00:00:00Z`));
const bothDates = (from: string, to: string) => isCalendarDate(from) && isCalendarDate(to);

/** The range checks run only on well-formed dates; zod still reports a malformed one by itself. */
const analyticsQuery = z
  .strictObject({ from: z.iso.date(), to: z.iso.date() })
  .refine(({ from, to }) => !bothDates(from, to) || from <= to, { message: '`from` must not be after `to`', path: ['from'] })
  .refine(({ from, to }) => !bothDates(from, to) || to <= addDays(from, MAX_ANALYTICS_DAYS - 1), {
    message: `at most ${MAX_ANALYTICS_DAYS} days`,
    path: ['to'],
  });

const analyticsDay = z.object({
  date: z.iso.date(),
  active_users: z.number().int(),
  new_users: z.number().int(),
  messages: z.number().int(),
  prompt_tokens: z.number().int(),
  completion_tokens: z.number().int(),
  by_language: z.record(z.string(), z.number().int()),
  by_character: z.record(z.string(), z.number().int()),
  by_plan: z.record(z.string(), z.number().int()),
  conversions: z.number().int(),
  revenue_paise: z.number().int(),
  llm_cost_usd_micros: z.number().int().describe('estimated LLM cost in millionths of a US dollar'),
});

const jobView = z.object({
  job_id: z.string(),
  name: z.enum(jobNames),
  status: z.enum(['queued', 'running', 'completed', 'failed']),
  result: z.unknown().optional(),
});

const presentDay = (row: DailyStat): z.output<typeof analyticsDay> => ({
  date: row.date,
  active_users: Number(row.active_users),
  new_users: Number(row.new_users),
  messages: Number(row.messages),
  prompt_tokens: Number(row.prompt_tokens),
  completion_tokens: Number(row.completion_tokens),
  by_language: row.by_language,
  by_character: row.by_character,
  by_plan: row.by_plan,
  conversions: Number(row.conversions),
  revenue_paise: Number(row.revenue_paise),
  llm_cost_usd_micros: Number(row.llm_cost_usd_micros),
});

export function adminRoutes(api: ApiRouter, { jobs }: EdgeDeps): void {
  api.add(
    {
      method: 'get', path: '/v1/admin/analytics', summary: 'Daily analytics by IST date (computed nightly by the analytics job)',
      tag: 'admin', access: 'admin', query: analyticsQuery,
      responses: { 200: { description: 'One item per computed day', schema: z.object({ items: z.array(analyticsDay) }) } },
    },
    async (_ctx, { query }) => {
      const rows = await DailyStat.findAll({ where: { date: { [Op.between]: [query.from, query.to] } }, order: [['date', 'ASC']] });
      return { items: rows.map(presentDay) };
    },
  );

  api.add(
    {
      method: 'post', path: '/v1/admin/jobs/:name/run', summary: 'Run a background job now', tag: 'admin', access: 'admin',
      body: z.strictObject({ date: z.iso.date().optional().describe('analytics only: the IST day to compute') }).optional(),
      responses: { 202: { description: 'Queued', schema: z.object({ job_id: z.string() }) } },
    },
    async (ctx, { params, body }) => {
      if (!isJobName(params.name ?? '')) throw new AppError('not_found', `No job named ${params.name}; jobs: ${jobNames.join(', ')}`);
      const jobId = await jobs.enqueue(params.name as (typeof jobNames)[number], body ?? {});
      ctx.status = 202;
      return { job_id: jobId };
    },
  );

  api.add(
    {
      method: 'get', path: '/v1/admin/jobs/:job_id', summary: 'A background job run', tag: 'admin', access: 'admin',
      responses: { 200: { description: 'The run', schema: jobView } },
    },
    async (_ctx, { params }) => {
      const job = await jobs.find(params.job_id ?? '');
      if (!job) throw notFound('job');
      return job;
    },
  );
}
