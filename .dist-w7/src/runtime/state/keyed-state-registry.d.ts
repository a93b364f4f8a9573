/**
 * Creates keyed state from descriptors on an operator's heap backend (Flink's
 * getPartitionedState). A name maps to one backend table; asking twice for the same name returns
 * the same state, asking with a different kind of descriptor is an error.
 */
import type { Key } from "../../api/functions.js";
import type { StateDescriptor } from "../../api/state/state-descriptors.js";
import { AggregatingStateDescriptor, ListStateDescriptor, MapStateDescriptor, ReducingStateDescriptor, ValueStateDescriptor } from "../../api/state/state-descriptors.js";
import type { AggregatingState, KeyedStateStore, ListState, MapState, ReducingState, ValueState } from "../../api/state/state.js";
import type { KeyedStateBackend } from "./keyed-state-backend.js";
import { type NamespaceScope } from "./state-cell.js";
/** Prefix of state tables created by users, apart from the operators' own tables ("_…"). */
export declare const USER_STATE_PREFIX = "user:";
export declare class KeyedStateRegistry implements KeyedStateStore {
    private readonly backend;
    private readonly now;
    /** When given, every state is scoped to this namespace (window and trigger state). */
    private readonly scope?;
    private readonly tablePrefix;
    private readonly created;
    constructor(backend: KeyedStateBackend | undefined, now: () => number, 
    /** When given, every state is scoped to this namespace (window and trigger state). */
    scope?: NamespaceScope | undefined, tablePrefix?: string);
    getState<T>(d: ValueStateDescriptor<T>): ValueState<T>;
    getListState<T>(d: ListStateDescriptor<T>): ListState<T>;
    getMapState<UK extends Key, UV>(d: MapStateDescriptor<UK, UV>): MapState<UK, UV>;
    getReducingState<T>(d: ReducingStateDescriptor<T>): ReducingState<T>;
    getAggregatingState<IN, ACC, OUT>(d: AggregatingStateDescriptor<IN, ACC, OUT>): AggregatingState<IN, OUT>;
    /** Any descriptor, dispatched on its kind (used where the kind is only known at run time). */
    getAny(d: StateDescriptor): unknown;
    /** The backend table name of a descriptor's state. */
    tableName(name: string): string;
    private create;
}
