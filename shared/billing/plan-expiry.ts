import { Op } from 'sequelize';
import { User } from '../db/models/index.js';
import type { Infra } from '../infra.js';
import { inBillingTransaction } from './billing-transaction.js';

const BATCH = 500;

/**
 * Re-derives the plan of every Pro user whose paid period has ended, so a subscription cancelled at
 * period end (or pending past its grace) turns free even when no further webhook comes. Meant for
 * the `subscription_expiry` job; safe to run anywhere, any number of times. Returns the users moved
 * to free.
 */
export async function expireLapsedPlans(infra: Infra): Promise<string[]> {
  const downgraded: string[] = [];
  let afterId = '';
  for (;;) {
    const due = await User.findAll({
      where: { plan: 'pro', plan_expires_at: { [Op.lte]: infra.clock.now() }, id: { [Op.gt]: afterId } },
      attributes: ['id'],
      order: [['id', 'ASC']],
      limit: BATCH,
    });
    for (const { id } of due) {
      await inBillingTransaction(infra, async (_transaction, touch) => touch(id));
      const after = await User.findByPk(id, { attributes: ['plan'] });
      if (after?.plan === 'free') downgraded.push(id);
    }
    if (due.length < BATCH) return downgraded;
    afterId = due[due.length - 1]!.id;
  }
}
