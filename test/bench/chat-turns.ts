import OpenAI from 'openai';
import { measureProcesses, sampleProcess, servicePids } from './process-usage.js';
import { spawnEntry, type Child } from './processes.js';
import type { RunningSaathi } from './saathi.js';
import { keepAliveAgent, sseRequest, type SseTiming } from './sse-client.js';
import { round, summarize } from './stats.js';
import { addCounters, turnCostCounters, type Counters } from './turn-cost.js';

const ALL_LEVELS = [
  { concurrency: 1, turns: 100 },
  { concurrency: 50, turns: 500 },
  { concurrency: 200, turns: 1000 },
];
/** `BENCH_CONCURRENCY=1` measures time to first token at that concurrency alone (of 1, 50 and 200). */
const chosen = process.env.BENCH_CONCURRENCY?.split(',').map(Number);
const LEVELS = chosen ? ALL_LEVELS.filter((level) => chosen.includes(level.concurrency)) : ALL_LEVELS;
const THROUGHPUT = { concurrency: 50, turns: 2000, rounds: 4, warmUp: 2000 };

export type System = 'direct' | 'bare proxy' | 'nats proxy' | 'saathi';

export interface TurnRow {
  system: System;
  concurrency: number;
  turns: number;
  errors: number;
  ttft_p50_ms: number;
  ttft_p95_ms: number;
  ttft_p99_ms: number;
  cpu_cores: number | null;
  peak_rss_mb: number | null;
}

export interface ThroughputRow {
  system: System;
  concurrency: number;
  turns: number;
  turns_per_s: number;
  cpu_cores: number | null;
  peak_rss_mb: number | null;
  /** CPU cores spent meanwhile by MariaDB, Redis and NATS, e.g. "mariadbd 0.4, nats-server 0.3". */
  services_cpu: string;
  /** Turns per second in each round, in the order the rounds ran. */
  rounds_turns_per_s: number[];
  /** For Saathi: what one turn cost, e.g. { 'llm cpu ms': 4.1, 'sql statements': 3.3 }. */
  per_turn?: Record<string, number>;
}

/** CPU seconds each local service, and each process of the harness, spends while `work` runs. */
async function serviceCpu<T>(work: () => Promise<T>, harness: Record<string, number>): Promise<{ result: T; cpuSeconds: Record<string, number> }> {
  const pids = { ...servicePids(), ...harness };
  const before = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, sampleProcess(pid).cpuSeconds]));
  const result = await work();
  const cpuSeconds = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, sampleProcess(pid).cpuSeconds - before[name]!]));
  return { result, cpuSeconds };
}

type Turn = (index: number) => Promise<number>;

interface BenchSystem {
  system: System;
  /** Its processes, for CPU and memory (none for direct: it runs in the benchmark's own process). */
  pids: number[] | null;
  turn: (concurrency: number) => Turn;
  /** Running totals (CPU per process, SQL statements, Redis commands) whose growth is reported per turn. */
  counters?: () => Promise<Counters>;
}

const setMode = (fake: Child, mode: string) => fetch(`http://127.0.0.1:${fake.hello.controlPort}/?mode=${mode}`, { method: 'POST' });

/** Time to the first content delta, straight from the SDK: the floor. */
function directTurn(baseURL: string): Turn {
  const openai = new OpenAI({ apiKey: 'bench', baseURL, maxRetries: 0 });
  return async () => {
    const started = performance.now();
    const stream = await openai.chat.completions.create({
      model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Namaste' }], stream: true, stream_options: { include_usage: true },
    });
    let first = Number.NaN;
    for await (const chunk of stream) {
      if (Number.isNaN(first) && chunk.choices[0]?.delta?.content) first = performance.now() - started;
    }
    return first;
  };
}

const firstToken = (timing: SseTiming): number => {
  if (timing.status !== 200 || !timing.events.some((event) => event.event === 'done')) return Number.NaN;
  return timing.firstTokenMs;
};

function bareTurn(port: number, sockets: number): Turn {
  const agent = keepAliveAgent(sockets);
  return async () => firstToken(await sseRequest(`http://127.0.0.1:${port}/chat`, { method: 'POST', agent }));
}

/** SSE `token` events Saathi's turns have carried: deltas that reach the worker together go out as one. */
const relayed = { tokenEvents: 0 };

function saathiTurn(saathi: RunningSaathi, sockets: number): Turn {
  const agent = keepAliveAgent(sockets);
  let sequence = 0;
  return async (index) => {
    const user = saathi.users[index % saathi.users.length]!;
    const timing = await sseRequest(`${saathi.url}/v1/conversations/${user.conversationId}/messages`, {
      method: 'POST',
      agent,
      headers: { authorization: `Bearer ${user.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ content: 'Namaste! Aaj ka din kaisa raha?', client_message_id: `bench-${Date.now()}-${sequence++}` }),
    });
    relayed.tokenEvents += timing.events.filter((event) => event.event === 'token').length;
    return firstToken(timing);
  };
}

/** Lane i always uses user i, so no two in-flight turns share a conversation. */
const runLanes = (turns: number, concurrency: number, turn: Turn) => {
  let next = 0;
  const results: number[] = [];
  const lane = async (laneIndex: number) => {
    while (next < turns) {
      next += 1;
      results.push(await turn(laneIndex).catch(() => Number.NaN));
    }
  };
  return Promise.all(Array.from({ length: concurrency }, (_, index) => lane(index))).then(() => results);
};

async function measure(pids: number[] | null, work: () => Promise<number[]>) {
  if (pids === null) return { result: await work(), cpuCores: null, peakRssBytes: null };
  return measureProcesses(pids, work);
}

const mb = (bytes: number | null) => (bytes === null ? null : round(bytes / 1024 / 1024, 1));

export interface ChatBench {
  latency: TurnRow[];
  throughput: ThroughputRow[];
}

interface Tally {
  rounds: number[];
  seconds: number;
  cpuSeconds: number;
  peakRssBytes: number | null;
  serviceSeconds: Record<string, number>;
  counters: Counters;
}

/**
 * Full turns per second with a zero-delay LLM. Each system is warmed up first (a cold process spends
 * its first turns compiling, and a lone throughput run would charge that to whichever system it
 * hurts most). The turns are split into rounds taken by each system in turn (in reverse order every
 * other round), so the ratios between systems hold even when the machine's own speed drifts within
 * the run.
 */
async function benchThroughput(systems: BenchSystem[], harness: Record<string, number>): Promise<ThroughputRow[]> {
  const { concurrency, turns, rounds, warmUp } = THROUGHPUT;
  const entries = systems.map((entry) => ({
    ...entry,
    run: entry.turn(concurrency),
    tally: { rounds: [], seconds: 0, cpuSeconds: 0, peakRssBytes: null, serviceSeconds: {}, counters: {} } as Tally,
  }));
  for (const { run } of entries) await runLanes(warmUp, concurrency, run);
  for (let index = 0; index < rounds; index += 1) {
    for (const { pids, run, tally, counters } of index % 2 === 0 ? entries : [...entries].reverse()) {
      const countersBefore = await counters?.();
      const started = performance.now();
      const { result: measured, cpuSeconds } = await serviceCpu(() => measure(pids, () => runLanes(turns / rounds, concurrency, run)), harness);
      const seconds = (performance.now() - started) / 1000;
      tally.rounds.push(round(turns / rounds / seconds, 1));
      tally.seconds += seconds;
      tally.cpuSeconds += (measured.cpuCores ?? 0) * seconds;
      if (measured.peakRssBytes !== null) tally.peakRssBytes = Math.max(tally.peakRssBytes ?? 0, measured.peakRssBytes);
      for (const [name, value] of Object.entries(cpuSeconds)) tally.serviceSeconds[name] = (tally.serviceSeconds[name] ?? 0) + value;
      if (counters && countersBefore) addCounters(tally.counters, countersBefore, await counters());
    }
  }
  return entries.map(({ system, pids, tally, counters }) => ({
    system, concurrency, turns, turns_per_s: round(turns / tally.seconds, 1), rounds_turns_per_s: tally.rounds,
    cpu_cores: pids === null ? null : round(tally.cpuSeconds / tally.seconds), peak_rss_mb: mb(tally.peakRssBytes),
    services_cpu: Object.entries(tally.serviceSeconds).map(([name, value]) => `${name} ${round(value / tally.seconds)}`).join(', '),
    ...(counters && { per_turn: Object.fromEntries(Object.entries(tally.counters).map(([name, value]) => [name, round(value / turns)])) }),
  }));
}

/** Calls the fake has answered: streamed (a turn's reply, or one asked again) and whole (a rolling summary's). */
async function modelCalls(fake: Child): Promise<Counters> {
  const calls = (await (await fetch(`http://127.0.0.1:${fake.hello.controlPort}/calls`)).json()) as { streamed: number; whole: number };
  return { 'reply calls': calls.streamed, 'summary calls': calls.whole };
}

function saathiCounters(saathi: RunningSaathi, fake: Child): () => Promise<Counters> {
  const spent = turnCostCounters(saathi.stack.infra, saathi.processes, servicePids());
  return async () => ({ ...(await spent()), 'token events': relayed.tokenEvents, ...(await modelCalls(fake)) });
}

/** Time to first token at three concurrencies, then full-turn throughput with a zero-delay LLM (either may be skipped). */
export async function benchChatTurns(fake: Child, saathi: RunningSaathi, parts = { latency: true, throughput: true }): Promise<ChatBench> {
  const bare = await spawnEntry('test/bench/bare-proxy.ts', { BENCH_FAKE_URL: fake.hello.baseUrl });
  const natsEnv = { BENCH_FAKE_URL: fake.hello.baseUrl, BENCH_NATS_URL: saathi.stack.config.NATS_URL, BENCH_SUBJECT: `${saathi.stack.config.NATS_SUBJECT_PREFIX}.bench` };
  const natsProxy = await Promise.all(['worker', 'edge'].map((role) => spawnEntry('test/bench/nats-proxy.ts', natsEnv, true, [], [role])));
  try {
    const systems: BenchSystem[] = [
      { system: 'direct', pids: null, turn: () => directTurn(fake.hello.baseUrl) },
      { system: 'bare proxy', pids: [bare.pid], turn: (c: number) => bareTurn(bare.hello.port, c) },
      { system: 'nats proxy', pids: natsProxy.map((child) => child.pid), turn: (c: number) => bareTurn(natsProxy[1]!.hello.port, c) },
      { system: 'saathi', pids: saathi.pids, turn: (c: number) => saathiTurn(saathi, c), counters: saathiCounters(saathi, fake) },
    ];
    const latency: TurnRow[] = [];
    await setMode(fake, 'timed');
    for (const { concurrency, turns } of parts.latency ? LEVELS : []) {
      for (const { system, pids, turn } of systems) {
        const run = turn(concurrency);
        await runLanes(Math.min(concurrency * 2, 50), concurrency, run);
        const { result, cpuCores, peakRssBytes } = await measure(pids, () => runLanes(turns, concurrency, run));
        const ok = result.filter((value) => !Number.isNaN(value));
        const summary = summarize(ok);
        latency.push({
          system, concurrency, turns, errors: result.length - ok.length,
          ttft_p50_ms: round(summary.p50), ttft_p95_ms: round(summary.p95), ttft_p99_ms: round(summary.p99),
          cpu_cores: cpuCores === null ? null : round(cpuCores), peak_rss_mb: mb(peakRssBytes),
        });
      }
    }

    await setMode(fake, 'zero');
    // The fake and the load generator share the two cores with what is measured: their CPU is shown too.
    const harness = { 'openai fake': fake.pid, 'load generator': process.pid };
    const throughput = parts.throughput ? await benchThroughput(systems, harness) : [];
    await setMode(fake, 'timed');
    return { latency, throughput };
  } finally {
    await Promise.all([bare, ...natsProxy].map((child) => child.stop()));
  }
}

