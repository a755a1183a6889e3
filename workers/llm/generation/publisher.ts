import { publishGenerationEvent, sendGenerationEvent } from '../../../shared/chat/generation-events.js';
import { ALIVE_TTL_MS, HEARTBEAT_MS } from '../../../shared/chat/liveness.js';
import type { Infra } from '../../../shared/infra.js';
import type { GenerationEvent } from '../../../shared/subjects.js';

export const aliveKey = (infra: Infra, generationId: string) => infra.key('chat', 'alive', generationId);

/**
 * Publishes one generation's events in order (tokens, heartbeats, then the end) and keeps
 * heartbeats going until the end.
 *
 * Tokens and heartbeats are sent without waiting for JetStream's acknowledgement: one connection
 * keeps them in order, and the final event, which carries the whole reply, is acknowledged. An
 * acknowledgement a token would cost the worker a request of its own, and a reply twenty of them.
 * Deltas that arrive in one pass of the event loop go as one token event, so a fast model costs one
 * message a burst, not one a chunk.
 *
 * Nothing is published before `accepted` says the turn was stored, and nothing at all if it says
 * the turn was refused: the model may start before its user message is durable, its stream may not.
 */
export class GenerationPublisher {
  private readonly decided: Promise<void>;
  private readonly heartbeat: NodeJS.Timeout;
  private state: 'undecided' | 'accepted' | 'refused' = 'undecided';
  private seq = 0;
  private waiting = '';
  private flushing: NodeJS.Immediate | null = null;

  constructor(private readonly infra: Infra, private readonly generationId: string, accepted: Promise<boolean>) {
    this.decided = accepted.then((ok) => {
      this.state = ok ? 'accepted' : 'refused';
      if (ok) return this.flush();
      clearInterval(this.heartbeat);
      this.waiting = '';
    });
    this.heartbeat = setInterval(() => this.beat(), HEARTBEAT_MS);
  }

  /**
   * A heartbeat on the stream for relays, and a liveness mark in Redis for the watchdog. The first
   * beat is the first mark: the watchdog judges no generation younger than its grace period (many
   * heartbeats long), so most replies end before they need a mark at all.
   */
  private beat(): void {
    if (this.state === 'accepted') {
      this.flush();
      this.send({ type: 'heartbeat', at: this.infra.clock.now().toISOString() });
    }
    this.markAlive();
  }

  private markAlive(): void {
    this.infra.redis.set(aliveKey(this.infra, this.generationId), '1', 'PX', ALIVE_TTL_MS).catch(() => undefined);
  }

  token(delta: string): void {
    if (this.state === 'refused') return;
    this.waiting += delta;
    if (this.state === 'accepted') this.flushing ??= setImmediate(() => this.flush());
  }

  get tokens(): number {
    return this.seq;
  }

  /** Stops the heartbeat and sends whatever deltas are still waiting. */
  async settle(): Promise<void> {
    clearInterval(this.heartbeat);
    await this.decided;
    this.flush();
  }

  /** Publishes the final event after everything before it, and waits for JetStream to store it. */
  async end(event: GenerationEvent): Promise<void> {
    await this.settle();
    if (this.state !== 'accepted') return;
    await publishGenerationEvent(this.infra, this.generationId, event).catch((error: Error) => this.failed(error, event));
  }

  private flush(): void {
    if (this.flushing) clearImmediate(this.flushing);
    this.flushing = null;
    if (!this.waiting) return;
    const delta = this.waiting;
    this.waiting = '';
    this.seq += 1;
    this.send({ type: 'token', seq: this.seq, delta });
  }

  private send(event: GenerationEvent): void {
    try {
      sendGenerationEvent(this.infra, this.generationId, event);
    } catch (error) {
      this.failed(error as Error, event);
    }
  }

  private failed(error: Error, event: GenerationEvent): void {
    this.infra.log.warn({ err: error.message, generationId: this.generationId, type: event.type }, 'could not publish a generation event');
  }
}
