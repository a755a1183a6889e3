import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { benchChatTurns, type TurnRow } from './chat-turns.js';
import { spawnTs } from './processes.js';
import { benchQuotaReserve } from './quota-reserve.js';
import { startSaathi } from './saathi.js';
import { benchIdleStreams, benchReplay } from './streams.js';
import { round } from './stats.js';

/**
 * `npm run bench`: every benchmark in one run, side by side. Not a test: nothing is asserted.
 * Prints tables and writes bench-results.json (BENCHMARKS.md is written from it).
 */
const BENCH_USERS = 200;

const machine = {
  cores: cpus().length,
  cpu: cpus()[0]?.model ?? 'unknown',
  memory_gib: round(totalmem() / 1024 ** 3, 1),
  node: process.version,
};

const fake = await spawnTs('test/bench/fake-openai-process.ts', {});
const saathi = await startSaathi(fake.hello.baseUrl, BENCH_USERS);
let results: Record<string, unknown>;
try {
  const chat = await benchChatTurns(fake, saathi);
  const replay = await benchReplay(saathi);
  const idle = await benchIdleStreams(fake, saathi);
  const quota = await benchQuotaReserve();

  const at = (system: TurnRow['system'], concurrency: number) => chat.latency.find((row) => row.system === system && row.concurrency === concurrency)!;
  const overhead = [1, 50, 200].map((concurrency) => {
    const direct = at('direct', concurrency);
    const bare = at('bare proxy', concurrency);
    const ours = at('saathi', concurrency);
    return {
      concurrency,
      added_p50_ms: round(ours.ttft_p50_ms - direct.ttft_p50_ms),
      added_p99_ms: round(ours.ttft_p99_ms - direct.ttft_p99_ms),
      saathi_over_direct_p50: round(ours.ttft_p50_ms / direct.ttft_p50_ms),
      saathi_over_bare_p50: round(ours.ttft_p50_ms / bare.ttft_p50_ms),
    };
  });
  const throughputOf = (system: string) => chat.throughput.find((row) => row.system === system)!.turns_per_s;
  const throughputRatio = round(throughputOf('saathi') / throughputOf('bare proxy'));

  console.log('\nTime to first token (timed LLM: 50 ms to first chunk, 20 chunks 10 ms apart)');
  console.table(chat.latency);
  console.log('Added time to first token, Saathi over direct');
  console.table(overhead);
  console.log('Full turns per second (zero-delay LLM)');
  console.table(chat.throughput);
  console.log(`Saathi ÷ bare proxy throughput: ${throughputRatio}`);
  console.log('Idle SSE streams on one edge process');
  console.table([idle]);
  console.log('JetStream replay of a finished generation');
  console.table([replay]);
  console.log('quota.reserve round trip through NATS');
  console.table(quota);
  results = { machine, at: new Date().toISOString(), chat, overhead, throughput_ratio: throughputRatio, idle, replay, quota };
} finally {
  await saathi.stop();
  await fake.stop();
}
writeFileSync('bench-results.json', `${JSON.stringify(results, null, 2)}\n`);
console.log('wrote bench-results.json');
