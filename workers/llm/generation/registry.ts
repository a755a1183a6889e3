import { perInfra } from '../../../shared/per-infra.js';

/** Why a running generation was stopped before its reply was complete (`refused`: its turn was not let in). */
export type StopReason = 'cancelled' | 'timeout' | 'shutdown' | 'refused';

interface Running {
  controller: AbortController;
  work: Promise<void>;
}

/**
 * The generations (and summaries) this process is running, so a cancel reaches the right one and a
 * shutdown can let them finish within the grace period, then stop what is left.
 */
export class GenerationRegistry {
  private readonly running = new Map<string, Running>();
  private readonly background = new Set<Promise<unknown>>();

  constructor(private readonly timeoutMs: number) {}

  /**
   * Runs a generation with one signal for every way it stops, its time limit included: one
   * AbortController a turn, where combining signals (`AbortSignal.any`, `.timeout`) made four, each
   * costly to create on Node 20.
   */
  start(generationId: string, run: (signal: AbortSignal) => Promise<void>): void {
    const controller = new AbortController();
    const limit = setTimeout(() => controller.abort('timeout' satisfies StopReason), this.timeoutMs).unref();
    const work = run(controller.signal).finally(() => {
      clearTimeout(limit);
      this.running.delete(generationId);
    });
    this.running.set(generationId, { controller, work });
  }

  /** Work that follows a reply off its critical path (rolling summaries). */
  track(work: Promise<unknown>): void {
    this.background.add(work);
    void work.finally(() => this.background.delete(work));
  }

  stop(generationId: string, reason: StopReason): boolean {
    const entry = this.running.get(generationId);
    if (!entry) return false;
    entry.controller.abort(reason);
    return true;
  }

  get size(): number {
    return this.running.size;
  }

  async shutdown(graceMs: number): Promise<void> {
    const all = () => Promise.allSettled([...[...this.running.values()].map((entry) => entry.work), ...this.background]);
    const timer = new Promise((resolve) => setTimeout(resolve, graceMs).unref());
    await Promise.race([all(), timer]);
    for (const id of [...this.running.keys()]) this.stop(id, 'shutdown');
    await all();
  }
}

export const registryFor = perInfra((infra) => new GenerationRegistry(infra.config.LLM_TIMEOUT_MS));
