import { publishGenerationEvent } from '../../../shared/chat/generation-events.js';
import { ALIVE_TTL_MS, HEARTBEAT_MS } from '../../../shared/chat/liveness.js';
import type { Infra } from '../../../shared/infra.js';
import type { GenerationEvent } from '../../../shared/subjects.js';

export const aliveKey = (infra: Infra, generationId: string) => infra.key('chat', 'alive', generationId);

/**
 * Publishes one generation's events in order (tokens, heartbeats, then the end), one at a time so
 * JetStream keeps them in sequence, and keeps heartbeats going until the end.
 *
 * Deltas that arrive while a publish awaits its acknowledgement are joined into the next token
 * event: the first token leaves at once, and a fast model under load costs a few JetStream messages
 * per reply instead of one per chunk.
 *
 * Nothing is published before `accepted` says the turn was stored, and nothing at all if it says
 * the turn was refused: the model may start before its user message is durable, its stream may not.
 */
export class GenerationPublisher {
  private chain: Promise<void>;
  private readonly heartbeat: NodeJS.Timeout;
  private seq = 0;
  private publishing = false;
  private waiting = '';
  private refused = false;

  constructor(private readonly infra: Infra, private readonly generationId: string, accepted: Promise<boolean>) {
    this.chain = accepted.then((ok) => {
      this.refused = !ok;
      if (this.refused) clearInterval(this.heartbeat);
    });
    this.heartbeat = setInterval(() => this.beat(), HEARTBEAT_MS);
  }

  /**
   * A heartbeat on the stream for relays, and a liveness mark in Redis for the watchdog. The first
   * beat is the first mark: the watchdog judges no generation younger than its grace period (many
   * heartbeats long), so most replies end before they need a mark at all.
   */
  private beat(): void {
    this.enqueue({ type: 'heartbeat', at: this.infra.clock.now().toISOString() });
    this.markAlive();
  }

  private markAlive(): void {
    this.infra.redis.set(aliveKey(this.infra, this.generationId), '1', 'PX', ALIVE_TTL_MS).catch(() => undefined);
  }

  token(delta: string): void {
    if (this.publishing) {
      this.waiting += delta;
      return;
    }
    this.seq += 1;
    this.enqueue({ type: 'token', seq: this.seq, delta });
  }

  get tokens(): number {
    return this.seq;
  }

  /** Stops the heartbeat and waits until everything queued, joined deltas included, is published. */
  async settle(): Promise<void> {
    clearInterval(this.heartbeat);
    let settled: Promise<void>;
    do {
      settled = this.chain;
      await settled;
    } while (settled !== this.chain);
  }

  /** Publishes the final event after everything before it. */
  async end(event: GenerationEvent): Promise<void> {
    await this.settle();
    this.enqueue(event);
    await this.chain;
  }

  private enqueue(event: GenerationEvent): void {
    this.publishing = true;
    this.chain = this.chain
      .then(() => (this.refused ? undefined : publishGenerationEvent(this.infra, this.generationId, event)))
      .catch((error: Error) =>
        this.infra.log.warn({ err: error.message, generationId: this.generationId, type: event.type }, 'could not publish a generation event'),
      )
      .then(() => this.flushWaiting());
  }

  /** Once the publish in flight is acknowledged, the deltas that queued behind it go as one token. */
  private flushWaiting(): void {
    this.publishing = false;
    if (!this.waiting) return;
    const delta = this.waiting;
    this.waiting = '';
    this.token(delta);
  }
}
