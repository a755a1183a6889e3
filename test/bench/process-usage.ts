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

/** CPU share (1.0 = one core) and peak RSS of a process over a measured stretch. */
export async function measureProcess<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; cpuCores: number; peakRssBytes: number }> {
  const start = sampleProcess(pid);
  const startedAt = performance.now();
  let peak = start.rssBytes;
  const sampler = setInterval(() => {
    peak = Math.max(peak, sampleProcess(pid).rssBytes);
  }, 200);
  try {
    const result = await work();
    const end = sampleProcess(pid);
    peak = Math.max(peak, end.rssBytes);
    const seconds = (performance.now() - startedAt) / 1000;
    return { result, cpuCores: (end.cpuSeconds - start.cpuSeconds) / seconds, peakRssBytes: peak };
  } finally {
    clearInterval(sampler);
  }
}
