import { Op } from 'sequelize';
import { z } from 'zod';
import { addDays, istDate } from '../../../shared/clock.js';
import { computeDailyStats } from '../../../shared/analytics/daily-stats.js';
import { DailyStat } from '../../../shared/db/models/index.js';
import type { JobDefinition } from './job.js';

/** Days behind yesterday that a run fills in when they are missing, so a missed night heals itself. */
const CATCH_UP_DAYS = 7;

const input = z.object({ date: z.iso.date().optional() });

/** Daily: the previous IST day's analytics, plus any missing day of the week before it. */
export const analyticsJob: JobDefinition = {
  name: 'analytics',
  schedule: '30 0 * * *',
  run: async (infra, data) => {
    const { date } = input.parse(data);
    const yesterday = addDays(istDate(infra.clock.now()), -1);
    if (date) return { computed: [(await computeDailyStats(infra, date)).date] };
    const window = Array.from({ length: CATCH_UP_DAYS }, (_, back) => addDays(yesterday, -back - 1));
    const present = new Set((await DailyStat.findAll({ attributes: ['date'], where: { date: { [Op.in]: window } } })).map((row) => row.date));
    const due = [yesterday, ...window.filter((day) => !present.has(day))];
    for (const day of due) await computeDailyStats(infra, day);
    return { computed: due };
  },
};
