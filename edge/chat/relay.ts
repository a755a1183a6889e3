import { rejoinGeneration, type GenerationListener, type GenerationWatch, type WatchedEvent } from '../../shared/chat/generation-feed.js';
import type { Infra } from '../../shared/infra.js';
import type { MessageView, QuotaSnapshot, TokenUsage } from '../../shared/subjects.js';

/** What a client sees of a generation: API.md's SSE events after `ack`. */
export type RelayEvent =
  | { event: 'token'; id: number; data: { delta: string } }
  | { event: 'done'; data: { assistant_message: MessageView; usage: TokenUsage; quota: Pick<QuotaSnapshot, 'remaining' | 'resets_at'> } }
  | { event: 'error'; data: { code: string; message: string } };

function toRelayEvent(event: WatchedEvent): RelayEvent {
  switch (event.type) {
    case 'token':
      return { event: 'token', id: event.seq, data: { delta: event.delta } };
    case 'done':
      return { event: 'done', data: { assistant_message: event.assistant_message, usage: event.usage, quota: event.quota } };
    case 'error':
      return { event: 'error', data: { code: event.code, message: event.message } };
  }
}

/** Where a relay delivers a generation. */
export interface RelayTarget {
  send(event: RelayEvent): void;
  /** `done` or `error`; null when the client left (the generation runs on). */
  end(ending: RelayEvent | null): void;
  /** The relay broke: the client should reconnect and resume. */
  fail(error: unknown): void;
}

/** One client's side of a watch: each token after the last one it has, once, then the ending. */
class Relay implements GenerationListener {
  private ended = false;

  constructor(
    private readonly watch: GenerationWatch,
    private lastSeq: number,
    private readonly target: RelayTarget,
  ) {}

  event(event: WatchedEvent): void {
    if (this.ended || (event.type === 'token' && event.seq <= this.lastSeq)) return;
    if (event.type === 'token') this.lastSeq = event.seq;
    const relayed = toRelayEvent(event);
    this.target.send(relayed);
    if (relayed.event !== 'token' && this.close()) this.target.end(relayed);
  }

  failed(error: unknown): void {
    if (this.close()) this.target.fail(error);
  }

  /** The client left. */
  stop(): void {
    if (this.close()) this.target.end(null);
  }

  private close(): boolean {
    if (this.ended) return false;
    this.ended = true;
    this.watch.close();
    return true;
  }
}

/**
 * Relays a generation to `target` until `done` or `error`, through a watch of it: the one a new
 * turn opened before the worker was asked, or else a rejoined one, which starts with what JetStream
 * stored. Each token after `afterSeq` reaches the client once; the watch ends a generation whose
 * worker went silent. The caller stops the relay when its client leaves. No promise or async frame
 * waits per client: an idle stream costs this object and its watch.
 */
export function relayGeneration(
  infra: Infra,
  generationId: string,
  afterSeq: number,
  target: RelayTarget,
  live?: GenerationWatch,
): { stop(): void } {
  const watch = live ?? rejoinGeneration(infra, generationId);
  const relay = new Relay(watch, afterSeq, target);
  watch.follow(relay);
  return relay;
}
