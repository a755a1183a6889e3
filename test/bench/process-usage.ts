import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

export interface ProcessSample {
  cpuSeconds: number;
  rssBytes: number;
}

/** CPU time and resident memory of a process, read from /proc (Linux). */
export function sampleProcess(pid: number): ProcessSample {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  return { cpuSeconds: ticks / TICKS_PER_SECOND, rssBytes: rssKb * 1024 };
}

/** Write system calls a process has made (sockets, pipes and files alike), read from /proc (Linux). */
export const writeCalls = (pid: number): number => Number(/^syscw:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))?.[1] ?? 0);

/** CPU and RSS of several processes added up. */
const sampleAll = (pids: number[]): ProcessSample =>
  pids.map(sampleProcess).reduce((sum, sample) => ({ cpuSeconds: sum.cpuSeconds + sample.cpuSeconds, rssBytes: sum.rssBytes + sample.rssBytes }));

/** CPU share (1.0 = one core) and peak RSS of a group of processes over a measured stretch. */
export async function measureProcesses<T>(pids: number[], work: () => Promise<T>): Promise<{ result: T; cpuCores: number; peakRssBytes: number }> {
  const start = sampleAll(pids);
  const startedAt = performance.now();
  let peak = start.rssBytes;
  const sampler = setInterval(() => {
    peak = Math.max(peak, sampleAll(pids).rssBytes);
  }, 200);
  try {
    const result = await work();
    const end = sampleAll(pids);
    peak = Math.max(peak, end.rssBytes);
    const seconds = (performance.now() - startedAt) / 1000;
    return { result, cpuCores: (end.cpuSeconds - start.cpuSeconds) / seconds, peakRssBytes: peak };
  } finally {
    clearInterval(sampler);
  }
}

/** The local MariaDB/MySQL, Redis and NATS servers, whose CPU a chat turn also spends. */
export function servicePids(): Record<string, number> {
  const found: Record<string, number> = {};
  for (const name of ['mariadbd', 'mysqld', 'redis-server', 'nats-server']) {
    let pid = 0;
    try {
      pid = Number(execFileSync('pgrep', ['-o', '-x', name], { encoding: 'utf8' }).trim());
    } catch {
      continue;
    }
    if (pid) found[name] = pid;
  }
  return found;
}
