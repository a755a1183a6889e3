type ReservationState = 'reserved' | 'committed' | 'refunded';

interface Day {
  /** Last count Redis reported for a user, plus what this process charged since. */
  used: Map<string, number>;
  reservations: Map<string, { userId: string; state: ReservationState }>;
}

/** Users tracked per day before the oldest are forgotten, so an outage cannot grow memory without bound. */
const MAX_ENTRIES = 100_000;

const trim = <K, V>(map: Map<K, V>) => {
  while (map.size > MAX_ENTRIES) map.delete(map.keys().next().value as K);
};

/**
 * The daily quota of one process while Redis is unreachable. It starts from the last count Redis
 * reported for the user (remembered on every answer), so an outage does not hand out a fresh day;
 * a user this process never saw starts from zero and is still held by the per-minute insurance
 * limiter. Only today and yesterday are kept: a refund of a reservation from just before midnight
 * still works, older days are dropped.
 */
export class FallbackLedger {
  private readonly days = new Map<string, Day>();

  private day(date: string): Day {
    let day = this.days.get(date);
    if (!day) {
      day = { used: new Map(), reservations: new Map() };
      this.days.set(date, day);
      const dates = [...this.days.keys()].sort();
      for (const old of dates.slice(0, Math.max(0, dates.length - 2))) this.days.delete(old);
    }
    return day;
  }

  /** Called with every count Redis answers, so a later outage starts from the truth. */
  remember(userId: string, date: string, used: number): void {
    const { used: counts } = this.day(date);
    counts.set(userId, used);
    trim(counts);
  }

  used(userId: string, date: string): number {
    return this.days.get(date)?.used.get(userId) ?? 0;
  }

  reserve(userId: string, reservationId: string, date: string, limit: number): { allowed: boolean; used: number } {
    const day = this.day(date);
    const used = day.used.get(userId) ?? 0;
    const existing = day.reservations.get(reservationId);
    if (existing && existing.userId === userId && existing.state !== 'refunded') return { allowed: true, used };
    if (used >= limit) return { allowed: false, used };
    day.used.set(userId, used + 1);
    day.reservations.set(reservationId, { userId, state: 'reserved' });
    trim(day.reservations);
    return { allowed: true, used: used + 1 };
  }

  /**
   * Moves a reservation this process made from `reserved` to `to`; null when it never made it (it
   * lives in Redis), false when it was already settled. A refund also gives the message back.
   */
  settle(userId: string, reservationId: string, to: 'committed' | 'refunded'): { date: string } | false | null {
    for (const [date, day] of this.days) {
      const reservation = day.reservations.get(reservationId);
      if (!reservation || reservation.userId !== userId) continue;
      if (reservation.state !== 'reserved') return false;
      reservation.state = to;
      if (to === 'refunded') day.used.set(userId, Math.max(0, (day.used.get(userId) ?? 1) - 1));
      return { date };
    }
    return null;
  }
}
