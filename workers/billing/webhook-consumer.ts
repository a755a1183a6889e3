import { nanos } from '@nats-io/transport-node';
import { AckPolicy, DeliverPolicy, jetstreamManager, type ConsumerMessages, type JsMsg } from '@nats-io/jetstream';
import { recordAndApplyWebhook } from '../../shared/billing/webhook-apply.js';
import type { Infra } from '../../shared/infra.js';
import { decodeJson } from '../../shared/rpc.js';
import type { RazorpayWebhookEvent } from '../../shared/subjects.js';

/** Long enough for one MySQL transaction; a worker that dies holding a message frees it after this. */
const ACK_WAIT_MS = 30_000;
/** A failed apply (MySQL down, lock timeouts) is retried after this, for as long as it takes. */
const RETRY_DELAY_MS = 5_000;
/** A consumer cut off from NATS (missed heartbeats, a restart) is re-opened after this. */
const REOPEN_DELAY_MS = 1_000;
const BATCH = 16;

/** The durable consumer every billing worker shares: each event goes to one of them, until acked. */
async function ensureConsumer(infra: Infra): Promise<void> {
  const { name: stream, consumer } = infra.subjects.streams.webhooks;
  const jsm = await jetstreamManager(infra.nc);
  const exists = () => jsm.consumers.info(stream, consumer).then(() => true, () => false);
  if (await exists()) return;
  await jsm.consumers
    .add(stream, {
      durable_name: consumer,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: infra.subjects.billing.razorpayWebhook.subject,
      ack_wait: nanos(ACK_WAIT_MS),
      max_deliver: -1,
    })
    .catch(async (error: unknown) => {
      // Another worker may have created it in the meantime; only a consumer that is still missing is an error.
      if (!(await exists())) throw error;
    });
}

async function handle(infra: Infra, msg: JsMsg): Promise<void> {
  let event: RazorpayWebhookEvent;
  try {
    event = decodeJson<RazorpayWebhookEvent>(msg.data);
  } catch {
    infra.log.error({ seq: msg.seq }, 'unreadable message on the webhooks stream; dropped');
    msg.term();
    return;
  }
  try {
    const outcome = await recordAndApplyWebhook(infra, event.event_id, event.body);
    msg.ack();
    infra.log.debug({ event_id: event.event_id, outcome, deliveries: msg.info.deliveryCount }, 'razorpay event consumed');
  } catch (error) {
    infra.log.error({ err: error, event_id: event.event_id, deliveries: msg.info.deliveryCount }, 'applying a razorpay event failed; will retry');
    msg.nak(RETRY_DELAY_MS);
  }
}

/**
 * Consumes Razorpay events durably with explicit acks: an event is acked only after its MySQL
 * transaction committed, so a worker killed in between leaves it for the next worker. On stop,
 * the message in hand is finished and the ones fetched but not started are handed back at once.
 */
export async function consumeWebhooks(infra: Infra): Promise<() => Promise<void>> {
  const { name: stream, consumer: durable } = infra.subjects.streams.webhooks;
  await ensureConsumer(infra);
  let stopping = false;
  let messages: ConsumerMessages | null = null;
  let wake: () => void = () => undefined;
  const pause = (ms: number) => new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    wake = () => {
      clearTimeout(timer);
      resolve();
    };
  });

  const loop = (async () => {
    while (!stopping) {
      try {
        await ensureConsumer(infra);
        messages = await (await infra.js.consumers.get(stream, durable)).consume({ max_messages: BATCH });
        if (stopping) messages.stop();
        for await (const msg of messages) {
          if (stopping) msg.nak();
          else await handle(infra, msg);
        }
      } catch (error) {
        if (!stopping) infra.log.warn({ err: error }, 'the webhooks consumer was cut off; reopening');
      }
      if (!stopping) await pause(REOPEN_DELAY_MS);
    }
  })();

  return async () => {
    stopping = true;
    wake();
    messages?.stop();
    await loop;
  };
}
