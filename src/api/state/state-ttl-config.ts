/**
 * Time-to-live of keyed state (Flink's StateTtlConfig), in processing time. By default expired
 * values are never returned: every read checks the entry's age and drops it when it is too old, so
 * the guarantee does not depend on when cleanup runs. With ReturnExpiredIfNotCleanedUp a read still
 * returns an expired value that is stored (and then drops it).
 */
export type TtlUpdateType =
  /** The clock restarts when the value is created or written. */
  | "OnCreateAndWrite"
  /** The clock restarts on reads too. */
  | "OnReadAndWrite";

export interface StateTtlConfig {
  readonly ttlMs: number;
  readonly updateType: TtlUpdateType;
  readonly stateVisibility: TtlStateVisibility;
  /** Entries checked per state access by the incremental cleanup (0 disables it). */
  readonly cleanupEntriesPerAccess: number;
  /** The incremental cleanup also runs for every record the operator processes (Flink's runCleanupForEveryRecord). */
  readonly cleanupEveryRecord: boolean;
  /** Expired entries are left out of checkpoints and savepoints of the heap backend. */
  readonly cleanupFullSnapshot: boolean;
}

export type TtlStateVisibility =
  /** An expired value is as good as absent. */
  | "NeverReturnExpired"
  /** An expired value is returned while it is still stored (read once, then dropped). */
  | "ReturnExpiredIfNotCleanedUp";

export class StateTtlConfigBuilder {
  private updateType: TtlUpdateType = "OnCreateAndWrite";
  private cleanupEntries = 5;
  private everyRecord = false;
  private fullSnapshot = false;
  private visibility: TtlStateVisibility = "NeverReturnExpired";
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
  setStateVisibility(visibility: TtlStateVisibility): this {
    this.visibility = visibility;
    return this;
  }
  neverReturnExpired(): this {
    return this.setStateVisibility("NeverReturnExpired");
  }
  returnExpiredIfNotCleanedUp(): this {
    return this.setStateVisibility("ReturnExpiredIfNotCleanedUp");
  }
  /**
   * Checks `cleanupSize` other entries for expiry on every state access (and, with
   * `runCleanupForEveryRecord`, for every record processed), so untouched keys are freed too.
   */
  cleanupIncrementally(cleanupSize: number, runCleanupForEveryRecord = false): this {
    this.cleanupEntries = Math.max(0, Math.floor(cleanupSize));
    this.everyRecord = runCleanupForEveryRecord;
    return this;
  }
  /** Leaves expired entries out of every full snapshot (checkpoints and savepoints of the heap backend). */
  cleanupFullSnapshot(): this {
    this.fullSnapshot = true;
    return this;
  }
  disableCleanupInBackground(): this {
    this.cleanupEntries = 0;
    this.everyRecord = false;
    return this;
  }
  build(): StateTtlConfig {
    return {
      ttlMs: this.ttlMs,
      updateType: this.updateType,
      stateVisibility: this.visibility,
      cleanupEntriesPerAccess: this.cleanupEntries,
      cleanupEveryRecord: this.everyRecord && this.cleanupEntries > 0,
      cleanupFullSnapshot: this.fullSnapshot,
    };
  }
}

export const StateTtlConfig = {
  newBuilder(ttlMs: number): StateTtlConfigBuilder {
    return new StateTtlConfigBuilder(ttlMs);
  },
};
