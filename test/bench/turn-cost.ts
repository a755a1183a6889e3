import { QueryTypes } from 'sequelize';
import type { Infra } from '../../shared/infra.js';
import { sampleProcess } from './process-usage.js';

/** Running totals read before and after a stretch of turns; their growth ÷ turns is a turn's cost. */
export type Counters = Record<string, number>;

/** Server counters of the statements a turn may run (a prepared statement's execution counts under its kind). */
const STATEMENTS = [
  'Com_select', 'Com_insert', 'Com_insert_select', 'Com_replace', 'Com_update', 'Com_update_multi',
  'Com_delete', 'Com_delete_multi', 'Com_begin', 'Com_commit', 'Com_rollback',
];

/** SQL statements the database server has run, by kind (server-wide: nothing else runs during a bench). */
async function sqlCounters(infra: Infra): Promise<Counters> {
  const rows = await infra.sequelize.query<{ Variable_name: string; Value: string }>(
    `SHOW GLOBAL STATUS WHERE Variable_name IN (${STATEMENTS.map(() => '?').join(', ')})`,
    { replacements: STATEMENTS, type: QueryTypes.SELECT },
  );
  const byName = Object.fromEntries(rows.map((row) => [row.Variable_name, Number(row.Value)]));
  const total = STATEMENTS.reduce((sum, name) => sum + (byName[name] ?? 0), 0);
  return { 'sql statements': total, 'sql selects': byName.Com_select ?? 0 };
}

/**
 * Commands Redis has run, those inside scripts included, and the round trips that asked for them
 * (a script counts once as EVALSHA or EVAL, and once for each command it runs).
 */
async function redisCounters(infra: Infra): Promise<Counters> {
  const info = await infra.redis.info('commandstats');
  let commands = 0;
  let scripts = 0;
  for (const [, command, calls] of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) {
    commands += Number(calls);
    if (command === 'evalsha' || command === 'eval') scripts += Number(calls);
  }
  return { 'redis commands': commands, 'redis scripts': scripts };
}

/** CPU milliseconds each named process has used. */
const cpuCounters = (processes: Record<string, number>): Counters =>
  Object.fromEntries(Object.entries(processes).map(([name, pid]) => [`${name} cpu ms`, sampleProcess(pid).cpuSeconds * 1000]));

/** What a Saathi turn costs, counted where it is spent: its own processes, the database and Redis. */
export const turnCostCounters = (infra: Infra, processes: Record<string, number>) => async (): Promise<Counters> => ({
  ...cpuCounters(processes),
  ...(await sqlCounters(infra)),
  ...(await redisCounters(infra)),
});

export const addCounters = (into: Counters, before: Counters, after: Counters): void => {
  for (const [name, value] of Object.entries(after)) into[name] = (into[name] ?? 0) + value - (before[name] ?? 0);
};
