import { QueryTypes } from 'sequelize';
import type { Infra } from '../../shared/infra.js';
import { sampleProcess, writeCalls } from './process-usage.js';

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
  return {
    'sql statements': total,
    'sql selects': byName.Com_select ?? 0,
    'sql inserts': byName.Com_insert ?? 0,
    'sql updates': (byName.Com_update ?? 0) + (byName.Com_update_multi ?? 0),
  };
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

/**
 * Write system calls of each named process: a write on loopback also pays for waking its reader,
 * and this count, unlike CPU time, does not move with the machine's noise.
 */
const writeCounters = (processes: Record<string, number>): Counters =>
  Object.fromEntries(Object.entries(processes).map(([name, pid]) => [`${name} writes`, writeCalls(pid)]));

/**
 * What a Saathi turn costs, counted where it is spent: its own processes (CPU and writes), and the
 * CPU of the database, Redis and NATS.
 */
export const turnCostCounters = (infra: Infra, own: Record<string, number>, services: Record<string, number>) => async (): Promise<Counters> => ({
  ...cpuCounters({ ...own, ...services }),
  ...writeCounters(own),
  ...(await sqlCounters(infra)),
  ...(await redisCounters(infra)),
});

export const addCounters = (into: Counters, before: Counters, after: Counters): void => {
  for (const [name, value] of Object.entries(after)) into[name] = (into[name] ?? 0) + value - (before[name] ?? 0);
};
