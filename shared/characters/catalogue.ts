import type { Subscription } from '@nats-io/transport-node';
import type { Infra } from '../infra.js';
import { encodeJson } from '../rpc.js';
import { Lru } from '../lru.js';
import { loadCatalogueFromDb, loadCharacterFromDb } from './store.js';
import type { CharacterRecord } from './types.js';
import { perInfra } from '../per-infra.js';

/** Redis keeps a snapshot per generation; an admin change bumps the generation, so a slow reader
 *  that loaded old rows can only ever write them under a generation nobody reads any more. */
const SNAPSHOT_TTL_SECONDS = 600;
const LOCAL_TTL_MS = 30_000;
const LOCAL_MAX_ENTRIES = 256;

const generationKey = (infra: Infra) => infra.key('characters', 'generation');
const snapshotKey = (infra: Infra, generation: string) => infra.key('characters', 'catalogue', generation);

/** The live catalogue (deleted characters excluded) from Redis, MySQL behind it; Redis being down only costs speed. */
export async function sharedCatalogue(infra: Infra): Promise<CharacterRecord[]> {
  const generation = await infra.redis.get(generationKey(infra)).then((value) => value ?? '0', () => null);
  if (generation === null) return loadCatalogueFromDb();
  const cached = await infra.redis.get(snapshotKey(infra, generation)).catch(() => null);
  if (cached) return JSON.parse(cached) as CharacterRecord[];
  const records = await loadCatalogueFromDb();
  await infra.redis.set(snapshotKey(infra, generation), JSON.stringify(records), 'EX', SNAPSHOT_TTL_SECONDS).catch(() => undefined);
  return records;
}

/**
 * One character by id for any process (the llm pool builds a prompt with it every turn), from the
 * process's own copy of the catalogue: parsing the whole Redis snapshot per turn cost the llm pool
 * ~9% of its CPU. Deleted characters are only found with `includeDeleted`, which is what existing
 * conversations use.
 */
export async function getCharacter(
  infra: Infra,
  id: string,
  options: { includeDeleted?: boolean } = {},
): Promise<CharacterRecord | null> {
  return processCatalogue(infra).get(id, options);
}

/** After an admin change is committed: a new Redis generation, and every edge drops its copy. */
export async function charactersChanged(infra: Infra, characterId: string | null): Promise<void> {
  await infra.redis.incr(generationKey(infra)).catch((error: Error) =>
    infra.log.warn({ err: error.message }, 'could not bump the character catalogue generation'),
  );
  infra.nc.publish(infra.subjects.cache.charactersChanged.subject, encodeJson({ character_id: characterId }));
}

/**
 * An edge's in-process copy of the catalogue over `sharedCatalogue`. It is dropped on every
 * `cache.characters` message; a load that raced with a drop is not kept (the epoch moved on).
 */
export class CharacterCatalogue {
  private readonly lru = new Lru<CharacterRecord[] | CharacterRecord | null>(LOCAL_MAX_ENTRIES, LOCAL_TTL_MS);
  private epoch = 0;
  private subscription: Subscription | null = null;

  constructor(private readonly infra: Infra) {}

  start(): this {
    this.subscription = this.infra.nc.subscribe(this.infra.subjects.cache.charactersChanged.subject, {
      callback: () => this.invalidate(),
    });
    return this;
  }

  stop(): void {
    this.subscription?.unsubscribe();
    this.subscription = null;
  }

  invalidate(): void {
    this.epoch += 1;
    this.lru.clear();
  }

  async all(): Promise<CharacterRecord[]> {
    return (await this.cached('catalogue', () => sharedCatalogue(this.infra))) as CharacterRecord[];
  }

  /**
   * A character missing from the copy is looked up in MySQL before it is called absent: a character
   * created a moment ago on another process may not have reached this copy yet.
   */
  async get(id: string, options: { includeDeleted?: boolean } = {}): Promise<CharacterRecord | null> {
    const live = (await this.all()).find((record) => record.id === id);
    if (live) return live;
    const stored = (await this.cached(`character:${id}`, () => loadCharacterFromDb(id))) as CharacterRecord | null;
    return stored && (options.includeDeleted || !stored.deleted_at) ? stored : null;
  }

  private async cached<V extends CharacterRecord[] | CharacterRecord | null>(key: string, load: () => Promise<V>): Promise<V> {
    const hit = this.lru.get(key);
    if (hit !== undefined) return hit as V;
    const epoch = this.epoch;
    const value = await load();
    if (epoch === this.epoch) this.lru.set(key, value);
    return value;
  }
}

/** The catalogue copy of a process (one per connection set), following `cache.characters` until NATS closes. */
const processCatalogue = perInfra((infra) => new CharacterCatalogue(infra).start());
