/**
 * State TTL bookkeeping: with TTL, a stored value is wrapped with the time it was last written
 * (or read, with OnReadAndWrite). Reads check the age first, so an expired value is never
 * returned; incremental cleanup frees entries of keys that are never read again.
 */
import type { StateTtlConfig } from "../../api/state/state-ttl-config.js";
import type { StateTable } from "./keyed-state-backend.js";
export interface TtlValue<T> {
    v: T;
    /** Last write (or read) time, processing time ms. */
    t: number;
}
export declare class TtlPolicy {
    readonly config: StateTtlConfig;
    readonly now: () => number;
    readonly refreshOnRead: boolean;
    private groupIndex;
    private cursor;
    constructor(config: StateTtlConfig, now: () => number);
    expired(entry: {
        readonly t: number;
    }): boolean;
    wrap<T>(v: T): TtlValue<T>;
    /** Reads a wrapped value: undefined when expired, refreshing its clock when reads count. */
    read<T>(entry: TtlValue<T>): T | undefined;
    /**
     * Visits a few entries of `table` (walking over all key groups in turn) and deletes those
     * `prune` says are fully expired. Bounded work per call, so it can run on every access.
     */
    cleanup<V>(table: StateTable<V>, prune: (raw: V) => boolean): void;
}
