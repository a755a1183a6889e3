import { Interest, User, UserInterest } from '../../../shared/db/models/index.js';
import type { Infra } from '../../../shared/infra.js';
import { Lru } from '../../../shared/lru.js';
import type { PromptInput } from '../../../shared/prompt/slots.js';
import { perInfra } from '../../../shared/per-infra.js';

type UserFacts = PromptInput['user'];

/** Profiles change rarely and every change is announced; the limit bounds a missed announcement. */
const KEEP_MS = 10 * 60 * 1000;
const MAX_USERS = 20_000;

async function readFacts(userId: string): Promise<UserFacts> {
  const [user, picks] = await Promise.all([
    User.findByPk(userId, { attributes: ['display_name'] }),
    UserInterest.findAll({ where: { user_id: userId } }),
  ]);
  const interests = picks.length ? await Interest.findAll({ where: { slug: picks.map((pick) => pick.interest_slug) } }) : [];
  return {
    displayName: user?.display_name ?? null,
    interests: interests.map((interest) => interest.names?.en ?? interest.slug),
  };
}

/**
 * What the prompt says about the user (name, interests), kept per process: three queries a turn
 * otherwise. `cache.profile` (a profile edit, an erasure) drops a user's entry on every instance.
 */
export class UserFactsCache {
  private readonly entries = new Lru<Promise<UserFacts>>(MAX_USERS, KEEP_MS);

  constructor(private readonly infra: Infra) {}

  /** A read in flight is shared; a failed one is not kept. */
  get(userId: string): Promise<UserFacts> {
    const cached = this.entries.get(userId);
    if (cached) return cached;
    const facts = readFacts(userId);
    this.entries.set(userId, facts);
    facts.catch(() => {
      if (this.entries.get(userId) === facts) this.entries.delete(userId);
    });
    return facts;
  }

  forget(userId: string): void {
    this.entries.delete(userId);
  }

  /** Follows `cache.profile`; returns the unsubscribe. */
  follow(): () => void {
    const subscription = this.infra.nc.subscribe(this.infra.subjects.cache.profileChanged.subject, {
      callback: (_error, message) => this.forget(message.json<{ user_id: string }>().user_id),
    });
    return () => subscription.unsubscribe();
  }
}

export const userFactsFor = perInfra((infra) => new UserFactsCache(infra));
