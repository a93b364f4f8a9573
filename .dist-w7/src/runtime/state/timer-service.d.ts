/**
 * Timers of a keyed operator (Flink's InternalTimerService), for one time domain.
 *
 * A timer is (key, namespace, timestamp); registering the same one twice keeps one, so it fires
 * exactly once. Timers live in the keyed backend, in a table per domain with one entry per key in
 * that key's key group, so they are snapshotted and rescaled per key group like all keyed state.
 * The entry is the key's single timer (the common case: one window or one deadline per key), or
 * a Map from timestamp to the timers at that time.
 *
 * A heap over all timers of the subtask gives the firing order: by timestamp, then by
 * registration. The heap may hold entries of deleted timers; an entry fires only if the table
 * still holds a timer with its registration number (entries are matched by value, not identity,
 * so backends that store state serialized work too).
 */
import type { Key } from "../../api/functions.js";
import type { KeyedStateBackend } from "./keyed-state-backend.js";
import type { Namespace } from "./state-cell.js";
import type { ProcessingTimeService } from "../operators/stream-operator.js";
export interface Timer<N> {
    readonly timestamp: number;
    readonly key: Key;
    readonly namespace: N;
    /** The namespace as a primitive, to compare timers by value. */
    readonly ns: Namespace;
    /** Registration number: orders equal timestamps and tells a live timer from a deleted one. */
    readonly seq: number;
}
export type TimeDomain = "event" | "processing";
export declare class TimerService<N> {
    private readonly backend;
    readonly domain: TimeDomain;
    /** Called with the key of the timer set as the backend's current key. */
    private readonly onTimer;
    private readonly nsOf;
    private readonly clock?;
    private readonly table;
    private heap;
    private seq;
    private live;
    private firing;
    /** Processing time: the wall-clock timer armed for the earliest timer, if any. */
    private armedAt;
    private disarm;
    constructor(backend: KeyedStateBackend, domain: TimeDomain, 
    /** Called with the key of the timer set as the backend's current key. */
    onTimer: (timer: Timer<N>) => void, nsOf: (namespace: N) => Namespace, clock?: ProcessingTimeService | undefined, name?: string);
    private static newHeap;
    /** Number of pending timers. */
    get size(): number;
    /** Registers a timer for the backend's current key. */
    register(namespace: N, timestamp: number): void;
    /** The last timer registered (or found registered), valid while no timer was removed since. */
    private lastSk;
    private lastTs;
    private lastNs;
    private lastVersion;
    private version;
    private make;
    /** Deletes a timer of the backend's current key; nothing happens when there is none. */
    delete(namespace: N, timestamp: number): void;
    /** Removes the timer from the table; returns it when there was one. */
    private remove;
    /**
     * Fires, in order, every timer with timestamp <= `time`, including timers that firing
     * registers at or before `time` (a watermark jump fires everything it passes, once each).
     */
    advance(time: number): void;
    /** The earliest pending timestamp (possibly of a deleted timer), or +Infinity. */
    nextTimestamp(): number;
    /** Processing time: keeps one wall-clock timer armed for the earliest pending timer. */
    private arm;
    /** Stops the wall-clock timer (operator closing). */
    stop(): void;
    /** The heap from the table: after a restore, or to drop entries of deleted timers. */
    private rebuildHeap;
    private track;
    /**
     * After a restore: the timers are back in the backend's table (per key group) but not in the
     * firing order. Rebuilds it, in the original registration order per timestamp; `rehydrate`
     * turns deserialized namespaces (plain objects) back into what the operator uses.
     */
    restore(rehydrate?: (namespace: N) => N): void;
    /** Every pending timer (for tests). */
    timers(): IterableIterator<Timer<N>>;
}
