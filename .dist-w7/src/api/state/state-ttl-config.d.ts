/**
 * Time-to-live of keyed state (Flink's StateTtlConfig), in processing time. Expired values are
 * never returned: every read checks the entry's age and drops it when it is too old, so the
 * guarantee does not depend on when background cleanup runs.
 */
export type TtlUpdateType = 
/** The clock restarts when the value is created or written. */
"OnCreateAndWrite"
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
export declare class StateTtlConfigBuilder {
    private readonly ttlMs;
    private updateType;
    private cleanupEntries;
    constructor(ttlMs: number);
    setUpdateType(type: TtlUpdateType): this;
    updateTtlOnCreateAndWrite(): this;
    updateTtlOnReadAndWrite(): this;
    /** Kept for Flink familiarity: expired state is never returned regardless. */
    neverReturnExpired(): this;
    /** Checks `entries` other entries for expiry on every access, so untouched keys are freed too. */
    cleanupIncrementally(entries: number): this;
    disableCleanupInBackground(): this;
    build(): StateTtlConfig;
}
export declare const StateTtlConfig: {
    newBuilder(ttlMs: number): StateTtlConfigBuilder;
};
