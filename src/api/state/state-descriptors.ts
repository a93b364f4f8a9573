/**
 * State descriptors name a piece of state and say what it holds. The name identifies the state
 * within its operator (and, later, in snapshots), so it must be the same in every worker.
 */
import type { Key, ReduceFunction } from "../functions.js";
import type { AggregateFunction } from "./aggregate-function.js";
import type { StateTtlConfig } from "./state-ttl-config.js";

export type StateKind = "value" | "list" | "map" | "reducing" | "aggregating";

export abstract class StateDescriptor {
  abstract readonly kind: StateKind;
  ttl: StateTtlConfig | undefined;

  constructor(readonly name: string) {
    if (!name) throw new Error("a state descriptor needs a non-empty name");
  }

  /** Values older than the TTL are never returned and are eventually removed. */
  enableTimeToLive(config: StateTtlConfig): this {
    this.ttl = config;
    return this;
  }
}

export class ValueStateDescriptor<T> extends StateDescriptor {
  readonly kind = "value";
  constructor(
    name: string,
    /** Returned by value() while nothing is stored. */
    readonly defaultValue?: T,
  ) {
    super(name);
  }
}

export class ListStateDescriptor<T> extends StateDescriptor {
  readonly kind = "list";
  declare readonly __elementType?: (v: T) => T;
}

/** Map state keys follow the same rule as stream keys: plain values that compare by value. */
export class MapStateDescriptor<UK extends Key, UV> extends StateDescriptor {
  readonly kind = "map";
  declare readonly __entryType?: (k: UK, v: UV) => [UK, UV];
}

export class ReducingStateDescriptor<T> extends StateDescriptor {
  readonly kind = "reducing";
  constructor(
    name: string,
    readonly reduceFunction: ReduceFunction<T>,
  ) {
    super(name);
  }
}

export class AggregatingStateDescriptor<IN, ACC, OUT> extends StateDescriptor {
  readonly kind = "aggregating";
  declare readonly __aggregateTypes?: (i: IN) => OUT;
  constructor(
    name: string,
    readonly aggregateFunction: AggregateFunction<IN, ACC, OUT>,
  ) {
    super(name);
  }
}
