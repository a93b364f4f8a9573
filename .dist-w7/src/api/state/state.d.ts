/**
 * The state interfaces user functions see (Flink's org.apache.flink.api.common.state). Keyed
 * state is scoped to the key of the element or timer being processed; operator state to the
 * parallel instance.
 */
import type { Key } from "../functions.js";
import type { AggregatingStateDescriptor, ListStateDescriptor, MapStateDescriptor, ReducingStateDescriptor, ValueStateDescriptor } from "./state-descriptors.js";
export interface State {
    clear(): void;
}
export interface ValueState<T> extends State {
    /** The stored value, the descriptor's default, or undefined. */
    value(): T | undefined;
    update(value: T | undefined): void;
}
/** State to which values are added, read back as a whole. */
export interface AppendingState<IN, OUT> extends State {
    /** Undefined when nothing was added. */
    get(): OUT | undefined;
    add(value: IN): void;
}
export interface ListState<T> extends AppendingState<T, Iterable<T>> {
    /** The elements (empty when there are none). */
    get(): Iterable<T>;
    addAll(values: Iterable<T>): void;
    /** Replaces the whole list. */
    update(values: Iterable<T>): void;
}
export type ReducingState<T> = AppendingState<T, T>;
export type AggregatingState<IN, OUT> = AppendingState<IN, OUT>;
export interface ReadOnlyMapState<UK extends Key, UV> {
    get(key: UK): UV | undefined;
    contains(key: UK): boolean;
    entries(): IterableIterator<[UK, UV]>;
    keys(): IterableIterator<UK>;
    values(): IterableIterator<UV>;
    isEmpty(): boolean;
}
export interface MapState<UK extends Key, UV> extends ReadOnlyMapState<UK, UV>, State {
    put(key: UK, value: UV): void;
    putAll(entries: Iterable<readonly [UK, UV]>): void;
    remove(key: UK): void;
}
/** Broadcast state as the non-broadcast side sees it: it must not diverge between instances. */
export type ReadOnlyBroadcastState<UK extends Key, UV> = ReadOnlyMapState<UK, UV>;
export type BroadcastState<UK extends Key, UV> = MapState<UK, UV>;
/** Keyed state accessors, available to functions on a KeyedStream. */
export interface KeyedStateStore {
    getState<T>(descriptor: ValueStateDescriptor<T>): ValueState<T>;
    getListState<T>(descriptor: ListStateDescriptor<T>): ListState<T>;
    getMapState<UK extends Key, UV>(descriptor: MapStateDescriptor<UK, UV>): MapState<UK, UV>;
    getReducingState<T>(descriptor: ReducingStateDescriptor<T>): ReducingState<T>;
    getAggregatingState<IN, ACC, OUT>(descriptor: AggregatingStateDescriptor<IN, ACC, OUT>): AggregatingState<IN, OUT>;
}
/**
 * Operator (non-keyed) state of one parallel instance. On rescaling, list state is split evenly
 * over the new instances, union list state is given whole to every instance, and broadcast state
 * is copied to every instance.
 */
export interface OperatorStateStore {
    getListState<T>(descriptor: ListStateDescriptor<T>): ListState<T>;
    getUnionListState<T>(descriptor: ListStateDescriptor<T>): ListState<T>;
    getBroadcastState<UK extends Key, UV>(descriptor: MapStateDescriptor<UK, UV>): BroadcastState<UK, UV>;
}
/** The state interface a descriptor gives. */
export type StateOf<D> = D extends ValueStateDescriptor<infer T> ? ValueState<T> : D extends ListStateDescriptor<infer T> ? ListState<T> : D extends MapStateDescriptor<infer UK, infer UV> ? MapState<UK, UV> : D extends ReducingStateDescriptor<infer T> ? ReducingState<T> : D extends AggregatingStateDescriptor<infer IN, infer _ACC, infer OUT> ? AggregatingState<IN, OUT> : never;
