import { connect, nanos, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, RetentionPolicy, StorageType, type JetStreamClient, type StreamConfig } from '@nats-io/jetstream';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import type { Subjects } from './subjects.js';

export type { NatsConnection, JetStreamClient };

export async function connectNats(config: Pick<Config, 'NATS_URL'>, log: Logger, name: string): Promise<NatsConnection> {
  const nc = await connect({
    servers: config.NATS_URL.split(','),
    name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
    timeout: 3000,
    // Capturing a stack for every request and timer costs ~5% of a chat turn's CPU; our errors
    // already say which subject failed.
    noAsyncTraces: true,
  });
  void (async () => {
    for await (const status of nc.status()) {
      if (status.type === 'disconnect' || status.type === 'reconnect' || status.type === 'error') {
        log.warn({ nats: status.type }, 'nats connection status changed');
      }
    }
  })();
  return nc;
}

/** Creates or updates Saathi's JetStream streams; safe to run on every start, from any process. */
export async function ensureStreams(nc: NatsConnection, subjects: Subjects): Promise<void> {
  const jsm = await jetstreamManager(nc);
  const { generations, webhooks } = subjects.streams;
  const wanted: Array<Partial<StreamConfig> & { name: string }> = [
    {
      name: generations.name,
      subjects: [...generations.subjects],
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      max_age: nanos(generations.maxAgeMs),
      max_msgs_per_subject: 20_000,
    },
    {
      name: webhooks.name,
      subjects: [...webhooks.subjects],
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      max_age: nanos(webhooks.maxAgeMs),
      duplicate_window: nanos(2 * 60 * 1000),
    },
  ];
  for (const stream of wanted) {
    const exists = await jsm.streams.info(stream.name).then(() => true, () => false);
    if (exists) await jsm.streams.update(stream.name, stream);
    else await jsm.streams.add(stream);
  }
}

/** Removes the streams of a prefix (test clean-up and tear-down of a throwaway deployment). */
export async function deleteStreams(nc: NatsConnection, subjects: Subjects): Promise<void> {
  const jsm = await jetstreamManager(nc);
  for (const stream of Object.values(subjects.streams)) {
    await jsm.streams.delete(stream.name).catch(() => false);
  }
}

export const jetstreamClient = (nc: NatsConnection): JetStreamClient => jetstream(nc);
