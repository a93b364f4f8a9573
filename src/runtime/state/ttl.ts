/**
 * State TTL bookkeeping: with TTL, a stored value is wrapped with the time it was last written
 * (or read, with OnReadAndWrite). Reads check the age first, so an expired value is never
 * returned; incremental cleanup frees entries of keys that are never read again.
 */
import type { StateTtlConfig } from "../../api/state/state-ttl-config.js";
import type { StateTable } from "./keyed-state-backend.js";
import type { StateKey } from "./state-key.js";

export interface TtlValue<T> {
  v: T;
  /** Last write (or read) time, processing time ms. */
  t: number;
}

export class TtlPolicy {
  readonly refreshOnRead: boolean;
  /** Reads return an expired value that is still stored (ReturnExpiredIfNotCleanedUp). */
  readonly returnExpired: boolean;
  private groupIndex = 0;
  private cursor: Iterator<[StateKey, unknown]> | undefined;

  constructor(
    readonly config: StateTtlConfig,
    readonly now: () => number,
  ) {
    this.refreshOnRead = config.updateType === "OnReadAndWrite";
    this.returnExpired = config.stateVisibility === "ReturnExpiredIfNotCleanedUp";
  }

  expired(entry: { readonly t: number }): boolean {
    return this.now() - entry.t >= this.config.ttlMs;
  }

  wrap<T>(v: T): TtlValue<T> {
    return { v, t: this.now() };
  }

  /**
   * Reads a wrapped value, refreshing its clock when reads count. Expired, it is undefined unless
   * the visibility returns expired values; either way the caller drops it (`expired` says so).
   */
  read<T>(entry: TtlValue<T>): { value: T | undefined; expired: boolean } {
    if (this.expired(entry)) return { value: this.returnExpired ? entry.v : undefined, expired: true };
    if (this.refreshOnRead) entry.t = this.now();
    return { value: entry.v, expired: false };
  }

  /**
   * Visits a few entries of `table` (walking over all key groups in turn) and deletes those
   * `prune` says are fully expired. Bounded work per call, so it can run on every access.
   */
  cleanup<V>(table: StateTable<V>, prune: (raw: V) => boolean): void {
    let budget = this.config.cleanupEntriesPerAccess;
    if (budget === 0) return;
    const groups = table.groups;
    let switches = 0;
    while (budget > 0 && switches <= groups.length) {
      const group = groups[this.groupIndex]!;
      this.cursor ??= group.entries() as Iterator<[StateKey, unknown]>;
      const r = this.cursor.next();
      if (r.done) {
        this.cursor = undefined;
        this.groupIndex = (this.groupIndex + 1) % groups.length;
        switches++;
        continue;
      }
      budget--;
      if (prune(r.value[1] as V)) group.delete(r.value[0]);
    }
  }
}
