import type { Msg, Subscription } from '@nats-io/transport-node';
import type { Infra } from '../infra.js';
import { decodeJson } from '../rpc.js';
import type { GenerationEvent } from '../subjects.js';
import { endingFromStore } from './generation-ending.js';
import { isEnding, storedEvents, withHistory, type WatchedEvent } from './generation-history.js';
import { SILENCE_MS } from './liveness.js';
import { perInfra } from '../per-infra.js';

export type { WatchedEvent };

export interface GenerationListener {
  event(event: WatchedEvent): void;
  /** The subscription broke, or the stored history or the ending of a silent generation could not be read. */
  failed(error: unknown): void;
}

/**
 * One reader's hold on a generation. Events that arrive before `follow` are kept (a turn watches
 * before the worker is asked, and relays later); `follow` hands over everything from the
 * generation's first event, then each new one as it comes, ending with `done` or `error`.
 */
export interface GenerationWatch {
  follow(listener: GenerationListener): void;
  /** The last watch of a generation in this process closes its subscription. */
  close(): void;
}

class Watch implements GenerationWatch {
  /** Set once the watch has caught up with the feed's log; from then on it is told each event live. */
  listener: GenerationListener | null = null;

  constructor(private readonly feed: GenerationFeed) {}

  follow(listener: GenerationListener): void {
    this.feed.follow(this, listener);
  }

  close(): void {
    this.feed.release(this);
  }
}

/** One listener's failure ends its own relay, never the delivery to the others. */
function tell(listener: GenerationListener, event: WatchedEvent): void {
  try {
    listener.event(event);
  } catch (error) {
    listener.failed(error);
  }
}

/**
 * Every watch of one generation in this process, on one core NATS subscription: each event is
 * decoded once, kept in the feed's log (tokens and the ending, a few KB a reply) and handed to all
 * of them, and silence is timed once, so ten thousand clients of a generation cost the edge one
 * subscription, one timer and one history read. The log starts complete for a new turn's feed,
 * subscribed before the worker was asked; a rejoined generation's is completed from JetStream
 * once, when the first watch follows. The clock starts with the first follower: a new turn's
 * worker has not started when its feed subscribes.
 */
class GenerationFeed {
  private readonly watches = new Set<Watch>();
  private readonly subscription: Subscription;
  private log: WatchedEvent[] = [];
  private history: 'complete' | 'missing' | Promise<void>;
  private failure: { error: unknown } | null = null;
  private silence: NodeJS.Timeout | null = null;
  private open = true;

  constructor(
    private readonly infra: Infra,
    private readonly generationId: string,
    fromFirstEvent: boolean,
    private readonly forget: () => void,
  ) {
    this.history = fromFirstEvent ? 'complete' : 'missing';
    this.subscription = infra.nc.subscribe(infra.subjects.generation.events(generationId).subject, {
      callback: (error, message) => this.receive(error, message),
    });
    // The connection closing under a feed ends its generation as silence would, at once.
    void this.subscription.closed.then(() => this.goneQuiet());
  }

  watch(): GenerationWatch {
    const watch = new Watch(this);
    this.watches.add(watch);
    return watch;
  }

  follow(watch: Watch, listener: GenerationListener): void {
    if (this.history === 'missing') this.history = this.readHistory();
    if (this.history === 'complete') return this.admit(watch, listener);
    this.history.then(() => this.admit(watch, listener), (error: unknown) => listener.failed(error));
  }

  release(watch: Watch): void {
    this.watches.delete(watch);
    if (this.watches.size === 0) this.stop();
  }

  private async readHistory(): Promise<void> {
    try {
      const stored = await storedEvents(this.infra, this.generationId);
      this.log = withHistory(stored, this.log);
      this.history = 'complete';
    } catch (error) {
      this.history = 'missing';
      throw error;
    }
  }

  /** Catches a watch up with the log and makes it a follower. */
  private admit(watch: Watch, listener: GenerationListener): void {
    if (!this.watches.has(watch)) return;
    for (const event of this.log) tell(listener, event);
    if (this.failure) return listener.failed(this.failure.error);
    watch.listener = listener;
    if (this.open) this.silence ??= setTimeout(() => this.goneQuiet(), SILENCE_MS);
  }

  private receive(error: Error | null, message: Msg): void {
    if (!this.open) return;
    if (error) return this.breakDown(error);
    this.silence?.refresh();
    let event: GenerationEvent;
    try {
      event = decodeJson<GenerationEvent>(message.data);
    } catch (malformed) {
      return this.breakDown(malformed);
    }
    if (event.type === 'heartbeat') return;
    if (isEnding(event)) this.stop();
    this.publish(event);
  }

  private publish(event: WatchedEvent): void {
    this.log.push(event);
    for (const watch of this.watches) if (watch.listener) tell(watch.listener, event);
  }

  /** Told once for every watch: a dead worker's generation is failed once, not once per client. */
  private goneQuiet(): void {
    if (!this.open) return;
    this.stop();
    endingFromStore(this.infra, this.generationId).then(
      (ending) => this.publish(ending),
      (error: unknown) => this.breakDown(error),
    );
  }

  private breakDown(error: unknown): void {
    this.stop();
    this.failure = { error };
    for (const watch of this.watches) watch.listener?.failed(error);
  }

  /** Ends the feed for good; a later watch of the generation opens a new one. */
  private stop(): void {
    if (!this.open) return;
    this.open = false;
    if (this.silence) clearTimeout(this.silence);
    this.subscription.unsubscribe();
    this.forget();
  }
}

class GenerationFeeds {
  private readonly feeds = new Map<string, GenerationFeed>();

  constructor(private readonly infra: Infra) {}

  watch(generationId: string, fromFirstEvent: boolean): GenerationWatch {
    let feed = this.feeds.get(generationId);
    if (!feed) {
      // A feed forgets itself once, when it stops, while it is still the one registered.
      feed = new GenerationFeed(this.infra, generationId, fromFirstEvent, () => this.feeds.delete(generationId));
      this.feeds.set(generationId, feed);
    }
    return feed.watch();
  }
}

const feedsOf = perInfra((infra) => new GenerationFeeds(infra));

/** Watches a new generation from its first event: call it before the worker is asked to start. */
export const watchGeneration = (infra: Infra, generationId: string): GenerationWatch => feedsOf(infra).watch(generationId, true);

/** Watches a generation that may have run for a while: what JetStream stored comes first. */
export const rejoinGeneration = (infra: Infra, generationId: string): GenerationWatch => feedsOf(infra).watch(generationId, false);
