/**
 * The keyed state kinds on the heap backend. Each reads and writes through a StateCell (the
 * current key's entry, optionally within a namespace) and applies TTL when configured. The
 * namespaced variants can merge namespaces, which session windows need.
 */
import { type Key, type ReduceFunction } from "../../api/functions.js";
import type { AggregateFunction } from "../../api/state/aggregate-function.js";
import type { AggregatingState, ListState, MapState, ReducingState, ValueState } from "../../api/state/state.js";
import { type Namespace, type StateCell } from "./state-cell.js";
import { type StateKey } from "./state-key.js";
import type { TtlPolicy } from "./ttl.js";
/** Merges the values of `sources` into `target` within the current key (for merging windows). */
export interface MergeableState {
    mergeNamespaces(target: Namespace, sources: readonly Namespace[]): void;
}
/** A single value (Value, Reducing and Aggregating state), wrapped with its time under TTL. */
declare abstract class SingleValueState<V> {
    protected readonly cell: StateCell<unknown>;
    protected readonly ttl: TtlPolicy | undefined;
    constructor(cell: StateCell<unknown>, ttl: TtlPolicy | undefined);
    protected read(): V | undefined;
    protected write(v: V): void;
    clear(): void;
}
export declare class HeapValueState<T> extends SingleValueState<T> implements ValueState<T> {
    private readonly defaultValue;
    constructor(cell: StateCell<unknown>, ttl: TtlPolicy | undefined, defaultValue: T | undefined);
    value(): T | undefined;
    update(value: T | undefined): void;
}
export declare class HeapReducingState<T> extends SingleValueState<T> implements ReducingState<T>, MergeableState {
    private readonly reduce;
    constructor(cell: StateCell<unknown>, ttl: TtlPolicy | undefined, reduce: ReduceFunction<T>);
    get(): T | undefined;
    add(value: T): void;
    mergeNamespaces(target: Namespace, sources: readonly Namespace[]): void;
}
export declare class HeapAggregatingState<IN, ACC, OUT> extends SingleValueState<ACC> implements AggregatingState<IN, OUT>, MergeableState {
    private readonly fn;
    constructor(cell: StateCell<unknown>, ttl: TtlPolicy | undefined, fn: AggregateFunction<IN, ACC, OUT>);
    get(): OUT | undefined;
    add(value: IN): void;
    mergeNamespaces(target: Namespace, sources: readonly Namespace[]): void;
}
/** A list; under TTL every element carries its own time, as in Flink. */
export declare class HeapListState<T> implements ListState<T>, MergeableState {
    private readonly cell;
    private readonly ttl;
    constructor(cell: StateCell<unknown[]>, ttl: TtlPolicy | undefined);
    /** The live elements (the stored array itself when there is no TTL: do not modify it). */
    getArray(): readonly T[];
    get(): Iterable<T>;
    add(value: T): void;
    addAll(values: Iterable<T>): void;
    update(values: Iterable<T>): void;
    clear(): void;
    mergeNamespaces(target: Namespace, sources: readonly Namespace[]): void;
}
interface MapEntry<UK, UV> {
    k: UK;
    v: UV;
    /** Write time under TTL, 0 otherwise. */
    t: number;
}
/** A map per key; keys compare by value (arrays too); under TTL every entry expires on its own. */
export declare class HeapMapState<UK extends Key, UV> implements MapState<UK, UV> {
    private readonly cell;
    private readonly ttl;
    constructor(cell: StateCell<Map<StateKey, MapEntry<UK, UV>>>, ttl: TtlPolicy | undefined);
    private map;
    private live;
    get(key: UK): UV | undefined;
    contains(key: UK): boolean;
    put(key: UK, value: UV): void;
    putAll(entries: Iterable<readonly [UK, UV]>): void;
    remove(key: UK): void;
    /** A snapshot of the live entries, so callers may modify the state while iterating. */
    private liveEntries;
    entries(): IterableIterator<[UK, UV]>;
    keys(): IterableIterator<UK>;
    values(): IterableIterator<UV>;
    isEmpty(): boolean;
    clear(): void;
}
export {};
