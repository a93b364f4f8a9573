/**
 * Operator state of one parallel instance (Flink's OperatorStateBackend): named lists and
 * broadcast maps that belong to the instance, not to a key. A snapshot is plain data; on
 * restore with a different parallelism, `redistributeOperatorState` decides who gets what:
 *  - list state ("split"): all elements of all instances, dealt out in even contiguous chunks;
 *  - union list state: every instance gets all elements of all instances;
 *  - broadcast state: every instance gets a copy (all copies are equal by contract).
 */
import type { Key } from "../../api/functions.js";
import type { ListStateDescriptor, MapStateDescriptor } from "../../api/state/state-descriptors.js";
import type { BroadcastState, ListState, OperatorStateStore } from "../../api/state/state.js";
export type OperatorStateMode = "split" | "union" | "broadcast";
export interface OperatorStateEntry {
    mode: OperatorStateMode;
    /** List elements, or [key, value] pairs for broadcast state. */
    items: unknown[];
}
export type OperatorStateSnapshot = Record<string, OperatorStateEntry>;
export declare class OperatorStateBackend implements OperatorStateStore {
    private readonly restored;
    private readonly states;
    constructor(restored?: OperatorStateSnapshot);
    getListState<T>(d: ListStateDescriptor<T>): ListState<T>;
    getUnionListState<T>(d: ListStateDescriptor<T>): ListState<T>;
    getBroadcastState<UK extends Key, UV>(d: MapStateDescriptor<UK, UV>): BroadcastState<UK, UV>;
    private list;
    private register;
    names(): string[];
    /** A deep-enough copy of everything: later changes to the state don't change the snapshot. */
    snapshot(): OperatorStateSnapshot;
}
/** Operator state for `parallelism` new instances from the snapshots of all old instances. */
export declare function redistributeOperatorState(snapshots: readonly OperatorStateSnapshot[], parallelism: number): OperatorStateSnapshot[];
