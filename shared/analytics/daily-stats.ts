import { QueryTypes } from 'sequelize';
import { addDays, istDayStart } from '../clock.js';
import type { Config } from '../config.js';
import { DailyStat } from '../db/models/index.js';
import type { Infra } from '../infra.js';

type Counted = { key: string | null; n: number | string };

const tally = (rows: Counted[]): Record<string, number> =>
  Object.fromEntries(rows.filter((row) => row.key !== null).map((row) => [String(row.key), Number(row.n)]));

/** Millionths of a dollar: tokens × (dollars per million tokens). */
export const llmCostMicros = (config: Pick<Config, 'LLM_PRICE_PROMPT_PER_1M_USD' | 'LLM_PRICE_COMPLETION_PER_1M_USD'>, promptTokens: number, completionTokens: number) =>
  Math.round(promptTokens * config.LLM_PRICE_PROMPT_PER_1M_USD + completionTokens * config.LLM_PRICE_COMPLETION_PER_1M_USD);

/**
 * Computes one IST day's figures from the source tables and upserts them: running it twice, or
 * days late, gives the same row. `messages` counts what users sent; tokens are the replies' usage.
 */
export async function computeDailyStats(infra: Infra, date: string): Promise<DailyStat> {
  const range = { from: istDayStart(date), to: istDayStart(addDays(date, 1)) };
  const query = <T extends object>(sql: string): Promise<T[]> =>
    infra.sequelize.query<T>(sql, { type: QueryTypes.SELECT, replacements: range });
  const userMessages = `FROM messages m JOIN conversations c ON c.id = m.conversation_id
    WHERE m.role = 'user' AND m.created_at >= :from AND m.created_at < :to`;

  const [[activity], [tokens], [signups], [revenue], [conversions], byLanguage, byCharacter, byPlan] = await Promise.all([
    query<{ users: number; messages: number }>(`SELECT COUNT(DISTINCT c.user_id) AS users, COUNT(*) AS messages ${userMessages}`),
    query<{ prompt: string | null; completion: string | null }>(
      `SELECT SUM(prompt_tokens) AS prompt, SUM(completion_tokens) AS completion FROM messages
       WHERE role = 'assistant' AND created_at >= :from AND created_at < :to`,
    ),
    query<{ n: number }>('SELECT COUNT(*) AS n FROM users WHERE created_at >= :from AND created_at < :to'),
    query<{ paise: string | null }>(
      `SELECT SUM(amount_paise) AS paise FROM payments WHERE status = 'captured' AND paid_at >= :from AND paid_at < :to`,
    ),
    query<{ n: number }>(
      `SELECT COUNT(*) AS n FROM (SELECT user_id, MIN(paid_at) AS first_paid FROM payments
       WHERE status = 'captured' AND user_id IS NOT NULL GROUP BY user_id) firsts
       WHERE first_paid >= :from AND first_paid < :to`,
    ),
    query<Counted>(`SELECT m.language AS \`key\`, COUNT(*) AS n ${userMessages} GROUP BY m.language`),
    query<Counted>(`SELECT c.character_id AS \`key\`, COUNT(*) AS n ${userMessages} GROUP BY c.character_id`),
    query<Counted>(`SELECT u.plan AS \`key\`, COUNT(*) AS n ${userMessages.replace('WHERE', 'JOIN users u ON u.id = c.user_id WHERE')} GROUP BY u.plan`),
  ]);
  const promptTokens = Number(tokens?.prompt ?? 0);
  const completionTokens = Number(tokens?.completion ?? 0);
  const row = {
    date,
    active_users: Number(activity?.users ?? 0),
    new_users: Number(signups?.n ?? 0),
    messages: Number(activity?.messages ?? 0),
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    by_language: tally(byLanguage),
    by_character: tally(byCharacter),
    by_plan: tally(byPlan),
    conversions: Number(conversions?.n ?? 0),
    revenue_paise: Number(revenue?.paise ?? 0),
    llm_cost_usd_micros: llmCostMicros(infra.config, promptTokens, completionTokens),
    computed_at: infra.clock.now(),
  };
  await DailyStat.upsert(row);
  return (await DailyStat.findByPk(date))!;
}
