/**
 * Time-to-live of keyed state (Flink's StateTtlConfig), in processing time. Expired values are
 * never returned: every read checks the entry's age and drops it when it is too old, so the
 * guarantee does not depend on when background cleanup runs.
 */
export type TtlUpdateType =
  /** The clock restarts when the value is created or written. */
  | "OnCreateAndWrite"
  /** The clock restarts on reads too. */
  | "OnReadAndWrite";

export interface StateTtlConfig {
  readonly ttlMs: number;
  readonly updateType: TtlUpdateType;
  /** Only "NeverReturnExpired" exists: an expired value is as good as absent. */
  readonly stateVisibility: "NeverReturnExpired";
  /** Entries checked per state access by the incremental cleanup (0 disables it). */
  readonly cleanupEntriesPerAccess: number;
}

export class StateTtlConfigBuilder {
  private updateType: TtlUpdateType = "OnCreateAndWrite";
  private cleanupEntries = 5;
  constructor(private readonly ttlMs: number) {
    if (!(ttlMs > 0)) throw new RangeError(`state TTL must be positive, got ${ttlMs}`);
  }
  setUpdateType(type: TtlUpdateType): this {
    this.updateType = type;
    return this;
  }
  updateTtlOnCreateAndWrite(): this {
    return this.setUpdateType("OnCreateAndWrite");
  }
  updateTtlOnReadAndWrite(): this {
    return this.setUpdateType("OnReadAndWrite");
  }
  /** Kept for Flink familiarity: expired state is never returned regardless. */
  neverReturnExpired(): this {
    return this;
  }
  /** Checks `entries` other entries for expiry on every access, so untouched keys are freed too. */
  cleanupIncrementally(entries: number): this {
    this.cleanupEntries = Math.max(0, Math.floor(entries));
    return this;
  }
  disableCleanupInBackground(): this {
    this.cleanupEntries = 0;
    return this;
  }
  build(): StateTtlConfig {
    return { ttlMs: this.ttlMs, updateType: this.updateType, stateVisibility: "NeverReturnExpired", cleanupEntriesPerAccess: this.cleanupEntries };
  }
}

export const StateTtlConfig = {
  newBuilder(ttlMs: number): StateTtlConfigBuilder {
    return new StateTtlConfigBuilder(ttlMs);
  },
};
