import { request, type ClientRequest } from 'node:http';
import { sampleProcess } from './process-usage.js';
import type { Child } from './processes.js';
import type { RunningSaathi } from './saathi.js';
import { sseRequest } from './sse-client.js';
import { round, summarize } from './stats.js';

const IDLE_TARGET = 10_000;
const IDLE_STEP = 1000;
/** Read soon after the ramp, RSS still holds the ramp's garbage; V8's memory reducer collects it within about 30 s. */
const RAMP_SETTLE_MS = 2000;
const HOLD_SETTLE_MS = 30_000;
const REPLAYS = 200;

const setMode = (fake: Child, mode: string) => fetch(`http://127.0.0.1:${fake.hello.controlPort}/?mode=${mode}`, { method: 'POST' });

/** Sends one message over SSE and returns its generation id once the `ack` arrives (the reply may go on). */
function startGeneration(saathi: RunningSaathi, userIndex: number): Promise<{ generationId: string; request: ClientRequest }> {
  const user = saathi.users[userIndex]!;
  return new Promise((resolve, reject) => {
    const req = request(`${saathi.url}/v1/conversations/${user.conversationId}/messages`, {
      method: 'POST',
      headers: { accept: 'text/event-stream', 'content-type': 'application/json', authorization: `Bearer ${user.token}` },
    }, (res) => {
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        const ack = /event: ack\ndata: (.*)\n/.exec(buffer);
        if (ack) resolve({ generationId: JSON.parse(ack[1]!).generation_id, request: req });
      });
    });
    req.on('error', reject);
    req.end(JSON.stringify({ content: 'Namaste!', client_message_id: `bench-stream-${Date.now()}-${userIndex}` }));
  });
}

function openIdleStream(saathi: RunningSaathi, generationId: string, token: string, onEnd: () => void): Promise<ClientRequest> {
  return new Promise((resolve, reject) => {
    const req = request(`${saathi.url}/v1/generations/${generationId}/stream`, {
      agent: false,
      headers: { accept: 'text/event-stream', authorization: `Bearer ${token}`, 'last-event-id': '0' },
    }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`stream answered ${res.statusCode}`));
      res.resume();
      res.once('end', onEnd);
      resolve(req);
    });
    req.on('error', reject);
    req.end();
  });
}

export interface IdleStreamsReport {
  streams_held: number;
  rss_before_mb: number;
  rss_after_mb: number;
  rss_per_stream_kb: number;
  /** The same streams held for HOLD_SETTLE_MS, through two heartbeats: what holding them costs. */
  rss_held_mb: number;
  rss_held_per_stream_kb: number;
  /** Streams the edge ended before the last reading: none, or the readings weigh fewer streams. */
  ended_early: number;
  failed_at: string | null;
}

/** Ramps idle SSE streams (a generation whose LLM never answers) on one edge process and weighs them. */
export async function benchIdleStreams(fake: Child, saathi: RunningSaathi): Promise<IdleStreamsReport> {
  await setMode(fake, 'hang');
  const owner = saathi.users[0]!;
  const { generationId, request: sender } = await startGeneration(saathi, 0);
  const held: ClientRequest[] = [];
  const before = sampleProcess(saathi.edge.pid).rssBytes;
  let failedAt: string | null = null;
  let endedEarly = 0;
  const countEnd = () => { endedEarly += 1; };
  try {
    while (held.length < IDLE_TARGET && !failedAt) {
      const batch = await Promise.allSettled(Array.from({ length: IDLE_STEP }, () => openIdleStream(saathi, generationId, owner.token, countEnd)));
      for (const outcome of batch) {
        if (outcome.status === 'fulfilled') held.push(outcome.value);
        else failedAt ??= `${held.length}: ${(outcome.reason as Error).message}`;
      }
    }
    const rssAfter = async (ms: number) => {
      await new Promise((resolve) => setTimeout(resolve, ms));
      return sampleProcess(saathi.edge.pid).rssBytes;
    };
    const afterRamp = await rssAfter(RAMP_SETTLE_MS);
    const afterHold = await rssAfter(HOLD_SETTLE_MS - RAMP_SETTLE_MS);
    const perStreamKb = (after: number) => round((after - before) / Math.max(1, held.length) / 1024, 1);
    return {
      streams_held: held.length,
      rss_before_mb: round(before / 1024 / 1024, 1),
      rss_after_mb: round(afterRamp / 1024 / 1024, 1),
      rss_per_stream_kb: perStreamKb(afterRamp),
      rss_held_mb: round(afterHold / 1024 / 1024, 1),
      rss_held_per_stream_kb: perStreamKb(afterHold),
      ended_early: endedEarly,
      failed_at: failedAt,
    };
  } finally {
    for (const req of held) req.destroy();
    await fetch(`${saathi.url}/v1/generations/${generationId}/cancel`, { method: 'POST', headers: { authorization: `Bearer ${owner.token}` } });
    sender.destroy();
    await setMode(fake, 'timed');
  }
}

export interface ReplayReport {
  replays: number;
  events_each: number;
  replay_p50_ms: number;
  replay_p99_ms: number;
}

/** A finished generation read back from JetStream from `Last-Event-ID: 0`, as a reconnecting phone does. */
export async function benchReplay(saathi: RunningSaathi): Promise<ReplayReport> {
  const owner = saathi.users[1]!;
  const turn = await sseRequest(`${saathi.url}/v1/conversations/${owner.conversationId}/messages`, {
    method: 'POST',
    headers: { authorization: `Bearer ${owner.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ content: 'Namaste!', client_message_id: `bench-replay-${Date.now()}` }),
  });
  const ack = turn.events.find((event) => event.event === 'ack');
  const generationId: string = JSON.parse(ack?.data ?? '{}').generation_id;
  const timings: number[] = [];
  let events = 0;
  for (let index = 0; index < REPLAYS; index += 1) {
    const replay = await sseRequest(`${saathi.url}/v1/generations/${generationId}/stream`, {
      headers: { authorization: `Bearer ${owner.token}`, 'last-event-id': '0' },
    });
    if (replay.events.some((event) => event.event === 'done')) timings.push(replay.totalMs);
    events = replay.events.length;
  }
  const summary = summarize(timings);
  return { replays: timings.length, events_each: events, replay_p50_ms: round(summary.p50), replay_p99_ms: round(summary.p99) };
}
