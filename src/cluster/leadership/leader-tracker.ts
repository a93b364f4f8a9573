/**
 * Follows one component's leader through a LeaderRetrieval and keeps the latest answer, so that
 * callers can ask "who leads now?" synchronously, wait for a leader to appear, or be told of every
 * change. TaskExecutors use it to find the ResourceManager, the REST endpoints of standby
 * JobManagers to find the leading Dispatcher, and the CLI to find the leader's REST address.
 */
import type { LeaderInformation, LeaderRetrieval } from "../ha/interface.js";
import { SluiceError, registerErrorClass } from "../../errors/sluice-error.js";
import { systemClock, type Clock } from "../../util/clock.js";

/** No leader is known right now (a failover is under way): the caller should retry shortly. */
export class LeaderUnavailableError extends SluiceError {}
registerErrorClass(LeaderUnavailableError);

export class LeaderTracker {
  private current: LeaderInformation | null = null;
  private readonly listeners = new Set<(leader: LeaderInformation | null) => void>();
  private readonly waiters = new Set<() => void>();
  private closed = false;

  private constructor(
    readonly component: string,
    private readonly retrieval: LeaderRetrieval,
    private readonly clock: Clock,
  ) {}

  /** Starts following; resolves once the retrieval has delivered its first answer (or registered). */
  static async start(component: string, retrieval: LeaderRetrieval, clock: Clock = systemClock): Promise<LeaderTracker> {
    const tracker = new LeaderTracker(component, retrieval, clock);
    await retrieval.start((leader) => tracker.update(leader));
    return tracker;
  }

  get leader(): LeaderInformation | null {
    return this.current;
  }

  /** Called with every change (null: no leader known right now). Returns the unsubscribe function. */
  onChange(listener: (leader: LeaderInformation | null) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * The current leader, waiting for one when there is none. Rejects with LeaderUnavailableError
   * after `timeoutMs` (default: wait as long as it takes, until close()).
   */
  async waitForLeader(timeoutMs?: number): Promise<LeaderInformation> {
    const deadline = timeoutMs === undefined ? Infinity : this.clock.now() + timeoutMs;
    for (;;) {
      if (this.current) return this.current;
      if (this.closed) throw new LeaderUnavailableError(`no leader for ${this.component}: leader retrieval closed`);
      const left = deadline - this.clock.now();
      if (left <= 0) throw new LeaderUnavailableError(`no leader for ${this.component} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const done = (): void => {
          timer?.cancel();
          this.waiters.delete(done);
          resolve();
        };
        const timer = Number.isFinite(left) ? this.clock.setTimeout(done, left) : undefined;
        this.waiters.add(done);
      });
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.retrieval.close();
    for (const wake of [...this.waiters]) wake();
  }

  private update(leader: LeaderInformation | null): void {
    if (this.closed) return;
    this.current = leader;
    for (const listener of [...this.listeners]) listener(leader);
    if (leader) for (const wake of [...this.waiters]) wake();
  }
}
