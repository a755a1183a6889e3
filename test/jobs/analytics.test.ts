import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { computeDailyStats } from '../../shared/analytics/daily-stats.js';
import { DailyStat, Payment } from '../../shared/db/models/index.js';
import { jobs } from '../../workers/archival/jobs/index.js';
import { addMessages, makeCharacter, makeConversation, makeUser } from '../helpers/chat-rows.js';
import { startStack, type TestStack } from '../helpers/stack.js';

let stack: TestStack;
before(async () => {
  stack = await startStack({ pools: [], edge: false });
});
after(() => stack.close());

const at = (iso: string) => new Date(iso);
const pay = (id: string, userId: string, status: string, paidAt: string) =>
  Payment.create({ id, subscription_id: 'sub_x', user_id: userId, amount_paise: 49900, currency: 'INR', method: 'upi', status, paid_at: at(paidAt) });

test('the figures of a seeded IST day match hand-computed values, and a rerun writes the same row', async () => {
  // 2026-11-20 in Asia/Kolkata is [2026-11-19T18:30Z, 2026-11-20T18:30Z).
  const asha = await makeUser({ plan: 'free', created_at: at('2026-11-20T10:00:00Z') });
  const bilal = await makeUser({ plan: 'pro', created_at: at('2026-11-01T10:00:00Z') });
  await makeUser({ created_at: at('2026-11-20T19:00:00Z') });
  const x = await makeCharacter();
  const y = await makeCharacter();
  const ashaChat = await makeConversation(asha.id, x.id, 'hi');
  const bilalChat = await makeConversation(bilal.id, y.id, 'ta');
  await addMessages(ashaChat, [
    { role: 'user', content: 'नमस्ते', language: 'hi', at: at('2026-11-19T18:30:00.000Z') },
    { role: 'assistant', content: 'नमस्ते!', at: at('2026-11-19T18:30:01.000Z'), prompt_tokens: 100, completion_tokens: 20 },
    { role: 'user', content: 'kya haal hai', language: 'en', at: at('2026-11-20T12:00:00Z') },
    { role: 'assistant', content: 'Sab badhiya!', at: at('2026-11-20T12:00:02Z'), prompt_tokens: 150, completion_tokens: 40 },
  ]);
  await addMessages(bilalChat, [
    { role: 'user', content: 'முந்தைய நாள்', language: 'ta', at: at('2026-11-19T18:29:59.000Z') },
    { role: 'user', content: 'வணக்கம்', language: 'ta', at: at('2026-11-20T18:29:59.999Z') },
    { role: 'assistant', content: 'வணக்கம்!', at: at('2026-11-20T18:30:00.500Z'), prompt_tokens: 200, completion_tokens: 50 },
  ]);
  await pay('pay_first_bilal', bilal.id, 'captured', '2026-11-20T05:00:00Z');
  await pay('pay_old_asha', asha.id, 'captured', '2026-10-20T05:00:00Z');
  await pay('pay_renew_asha', asha.id, 'captured', '2026-11-20T06:00:00Z');
  await pay('pay_failed_asha', asha.id, 'failed', '2026-11-20T07:00:00Z');

  const expected = {
    date: '2026-11-20',
    active_users: 2,
    new_users: 1,
    messages: 3,
    prompt_tokens: 250,
    completion_tokens: 60,
    by_language: { hi: 1, en: 1, ta: 1 },
    by_character: { [x.id]: 2, [y.id]: 1 },
    by_plan: { free: 2, pro: 1 },
    conversions: 1,
    revenue_paise: 99800,
    llm_cost_usd_micros: 74,
  };
  const figures = (row: DailyStat) => {
    const { computed_at: _computedAt, ...rest } = row.get({ plain: true });
    return { ...rest, prompt_tokens: Number(rest.prompt_tokens), completion_tokens: Number(rest.completion_tokens), revenue_paise: Number(rest.revenue_paise), llm_cost_usd_micros: Number(rest.llm_cost_usd_micros) };
  };

  assert.deepEqual(figures(await computeDailyStats(stack.infra, '2026-11-20')), expected);
  assert.deepEqual(figures(await computeDailyStats(stack.infra, '2026-11-20')), expected, 'idempotent');
  assert.equal(await DailyStat.count({ where: { date: '2026-11-20' } }), 1);
});

test('the nightly run computes yesterday and fills in missed days of the week before', async () => {
  stack.clock.set('2026-11-24T19:00:00Z'); // 00:30 on 25 November in India
  await DailyStat.destroy({ where: {} });
  await computeDailyStats(stack.infra, '2026-11-21');
  const result = await jobs.analytics.run(stack.infra, {});
  assert.deepEqual(result.computed, ['2026-11-24', '2026-11-23', '2026-11-22', '2026-11-20', '2026-11-19', '2026-11-18', '2026-11-17']);
  const rerun = await jobs.analytics.run(stack.infra, {});
  assert.deepEqual(rerun.computed, ['2026-11-24'], 'a rerun only recomputes yesterday');
  assert.equal(await DailyStat.count(), 8);
});
