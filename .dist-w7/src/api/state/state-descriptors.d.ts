/**
 * State descriptors name a piece of state and say what it holds. The name identifies the state
 * within its operator (and, later, in snapshots), so it must be the same in every worker.
 */
import type { Key, ReduceFunction } from "../functions.js";
import type { AggregateFunction } from "./aggregate-function.js";
import type { StateTtlConfig } from "./state-ttl-config.js";
export type StateKind = "value" | "list" | "map" | "reducing" | "aggregating";
export declare abstract class StateDescriptor {
    readonly name: string;
    abstract readonly kind: StateKind;
    ttl: StateTtlConfig | undefined;
    constructor(name: string);
    /** Values older than the TTL are never returned and are eventually removed. */
    enableTimeToLive(config: StateTtlConfig): this;
}
export declare class ValueStateDescriptor<T> extends StateDescriptor {
    /** Returned by value() while nothing is stored. */
    readonly defaultValue?: T | undefined;
    readonly kind = "value";
    constructor(name: string, 
    /** Returned by value() while nothing is stored. */
    defaultValue?: T | undefined);
}
export declare class ListStateDescriptor<T> extends StateDescriptor {
    readonly kind = "list";
    readonly __elementType?: (v: T) => T;
}
/** Map state keys follow the same rule as stream keys: plain values that compare by value. */
export declare class MapStateDescriptor<UK extends Key, UV> extends StateDescriptor {
    readonly kind = "map";
    readonly __entryType?: (k: UK, v: UV) => [UK, UV];
}
export declare class ReducingStateDescriptor<T> extends StateDescriptor {
    readonly reduceFunction: ReduceFunction<T>;
    readonly kind = "reducing";
    constructor(name: string, reduceFunction: ReduceFunction<T>);
}
export declare class AggregatingStateDescriptor<IN, ACC, OUT> extends StateDescriptor {
    readonly aggregateFunction: AggregateFunction<IN, ACC, OUT>;
    readonly kind = "aggregating";
    readonly __aggregateTypes?: (i: IN) => OUT;
    constructor(name: string, aggregateFunction: AggregateFunction<IN, ACC, OUT>);
}
