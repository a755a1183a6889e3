import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { benchChatTurns, type System } from './chat-turns.js';
import { spawnEntry } from './processes.js';
import { benchQuotaReserve } from './quota-reserve.js';
import { startSaathi } from './saathi.js';
import { benchIdleStreams, benchReplay } from './streams.js';
import { round } from './stats.js';

/**
 * `npm run bench`: every benchmark in one run, side by side. Not a test: nothing is asserted.
 * Prints tables and writes bench-results.json (BENCHMARKS.md is written from it).
 */
const BENCH_USERS = 200;

/**
 * `BENCH_ONLY=idle,replay` runs a subset of latency, throughput, replay, idle and quota (`chat` is
 * latency and throughput); the default is all of them.
 */
const only = new Set((process.env.BENCH_ONLY ?? 'chat,replay,idle,quota').split(',').flatMap((name) => {
  const trimmed = name.trim();
  return trimmed === 'chat' ? ['latency', 'throughput'] : [trimmed];
}));
const skipped = () => Promise.resolve(null);

const machine = {
  cores: cpus().length,
  cpu: cpus()[0]?.model ?? 'unknown',
  memory_gib: round(totalmem() / 1024 ** 3, 1),
  node: process.version,
};

const fake = await spawnEntry('test/bench/fake-openai-process.ts', {});
const saathi = await startSaathi(fake.hello.baseUrl, BENCH_USERS).catch(async (error: unknown) => {
  await fake.stop();
  throw error;
});
let results: Record<string, unknown>;
try {
  const parts = { latency: only.has('latency'), throughput: only.has('throughput') };
  const chat = parts.latency || parts.throughput ? await benchChatTurns(fake, saathi, parts) : { latency: [], throughput: [] };
  const replay = await (only.has('replay') ? benchReplay(saathi) : skipped());
  const idle = await (only.has('idle') ? benchIdleStreams(fake, saathi) : skipped());
  const quota = await (only.has('quota') ? benchQuotaReserve() : skipped());

  const at = (system: System, concurrency: number) => chat.latency.find((row) => row.system === system && row.concurrency === concurrency);
  const overhead = [1, 50, 200].flatMap((concurrency) => {
    const [direct, bare, topology, ours] = ['direct', 'bare proxy', 'nats proxy', 'saathi'].map((system) => at(system as System, concurrency));
    if (!direct || !bare || !topology || !ours) return [];
    return [{
      concurrency,
      nats_proxy_added_p50_ms: round(topology.ttft_p50_ms - direct.ttft_p50_ms),
      nats_proxy_added_p99_ms: round(topology.ttft_p99_ms - direct.ttft_p99_ms),
      added_p50_ms: round(ours.ttft_p50_ms - direct.ttft_p50_ms),
      added_p99_ms: round(ours.ttft_p99_ms - direct.ttft_p99_ms),
      saathi_over_direct_p50: round(ours.ttft_p50_ms / direct.ttft_p50_ms),
      saathi_over_bare_p50: round(ours.ttft_p50_ms / bare.ttft_p50_ms),
    }];
  });
  const throughputOf = (system: string) => chat.throughput.find((row) => row.system === system)?.turns_per_s ?? Number.NaN;
  const throughputRatio = round(throughputOf('saathi') / throughputOf('bare proxy'));
  const topologyThroughputRatio = round(throughputOf('nats proxy') / throughputOf('bare proxy'));
  // Adjacent rounds of the two systems ran seconds apart: their spread is the run's own noise.
  const roundsOf = (system: string) => chat.throughput.find((row) => row.system === system)?.rounds_turns_per_s ?? [];
  const roundRatios = roundsOf('saathi').map((turnsPerS, index) => round(turnsPerS / roundsOf('bare proxy')[index]!));

  const print = (title: string, rows: unknown[] | null) => {
    if (rows === null || rows.length === 0) return;
    console.log(title);
    console.table(rows);
  };
  print('\nTime to first token (timed LLM: 50 ms to first chunk, 20 chunks 10 ms apart)', chat.latency);
  print('Added time to first token, Saathi over direct', overhead);
  print('Full turns per second (zero-delay LLM)', chat.throughput.map(({ per_turn: _cost, rounds_turns_per_s: _rounds, ...row }) => row));
  const saathiCost = chat.throughput.find((row) => row.per_turn)?.per_turn;
  print('What one Saathi turn cost in the throughput scenario', saathiCost ? [saathiCost] : null);
  if (chat.throughput.length) {
    console.log(`Saathi ÷ bare proxy throughput: ${throughputRatio} (by round: ${roundRatios.join(', ')}); nats proxy ÷ bare proxy: ${topologyThroughputRatio}`);
  }
  print('Idle SSE streams on one edge process', idle && [idle]);
  print('JetStream replay of a finished generation', replay && [replay]);
  print('quota.reserve round trip through NATS', quota);
  results = { machine, at: new Date().toISOString(), chat, overhead, throughput_ratio: throughputRatio, throughput_ratio_by_round: roundRatios, nats_proxy_throughput_ratio: topologyThroughputRatio, idle, replay, quota };
} finally {
  await saathi.stop();
  await fake.stop();
}
writeFileSync('bench-results.json', `${JSON.stringify(results, null, 2)}\n`);
console.log('wrote bench-results.json');
