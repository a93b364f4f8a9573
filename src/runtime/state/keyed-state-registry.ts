/**
 * Creates keyed state from descriptors on an operator's heap backend (Flink's
 * getPartitionedState). A name maps to one backend table; asking twice for the same name returns
 * the same state, asking with a different kind of descriptor is an error.
 */
import type { Key } from "../../api/functions.js";
import type { StateDescriptor } from "../../api/state/state-descriptors.js";
import {
  AggregatingStateDescriptor,
  ListStateDescriptor,
  MapStateDescriptor,
  ReducingStateDescriptor,
  ValueStateDescriptor,
} from "../../api/state/state-descriptors.js";
import type { AggregatingState, KeyedStateStore, ListState, MapState, ReducingState, ValueState } from "../../api/state/state.js";
import type { KeyedStateBackend } from "./keyed-state-backend.js";
import { HeapAggregatingState, HeapListState, HeapMapState, HeapReducingState, HeapValueState, type TtlMaintainable } from "./heap-states.js";
import { FlatCell, NamespacedCell, type NamespaceScope, type StateCell } from "./state-cell.js";
import { TtlPolicy } from "./ttl.js";

/** Prefix of state tables created by users, apart from the operators' own tables ("_…"). */
export const USER_STATE_PREFIX = "user:";

export class KeyedStateRegistry implements KeyedStateStore {
  private readonly created = new Map<string, { kind: string; state: unknown }>();

  constructor(
    private readonly backend: KeyedStateBackend | undefined,
    private readonly now: () => number,
    /** When given, every state is scoped to this namespace (window and trigger state). */
    private readonly scope?: NamespaceScope,
    private readonly tablePrefix = USER_STATE_PREFIX,
  ) {}

  getState<T>(d: ValueStateDescriptor<T>): ValueState<T> {
    return this.create(d, (cell, ttl) => new HeapValueState<T>(cell, ttl, d.defaultValue));
  }

  getListState<T>(d: ListStateDescriptor<T>): ListState<T> {
    return this.create(d, (cell, ttl) => new HeapListState<T>(cell as StateCell<unknown[]>, ttl));
  }

  getMapState<UK extends Key, UV>(d: MapStateDescriptor<UK, UV>): MapState<UK, UV> {
    return this.create(d, (cell, ttl) => new HeapMapState<UK, UV>(cell as never, ttl));
  }

  getReducingState<T>(d: ReducingStateDescriptor<T>): ReducingState<T> {
    return this.create(d, (cell, ttl) => new HeapReducingState<T>(cell, ttl, d.reduceFunction));
  }

  getAggregatingState<IN, ACC, OUT>(d: AggregatingStateDescriptor<IN, ACC, OUT>): AggregatingState<IN, OUT> {
    return this.create(d, (cell, ttl) => new HeapAggregatingState<IN, ACC, OUT>(cell, ttl, d.aggregateFunction));
  }

  /** Any descriptor, dispatched on its kind (used where the kind is only known at run time). */
  getAny(d: StateDescriptor): unknown {
    if (d instanceof ValueStateDescriptor) return this.getState(d);
    if (d instanceof ListStateDescriptor) return this.getListState(d);
    if (d instanceof MapStateDescriptor) return this.getMapState(d);
    if (d instanceof ReducingStateDescriptor) return this.getReducingState(d);
    if (d instanceof AggregatingStateDescriptor) return this.getAggregatingState(d);
    throw new TypeError("unknown state descriptor");
  }

  /** The backend table name of a descriptor's state. */
  tableName(name: string): string {
    return this.tablePrefix + name;
  }

  private create<S>(d: StateDescriptor, make: (cell: StateCell<unknown>, ttl: TtlPolicy | undefined) => S): S {
    const backend = this.backend;
    if (!backend) {
      throw new Error(`keyed state "${d.name}" is only available on a keyed stream (after keyBy())`);
    }
    const existing = this.created.get(d.name);
    if (existing) {
      if (existing.kind !== d.kind) throw new Error(`state "${d.name}" was created as ${existing.kind} state, not ${d.kind} state`);
      return existing.state as S;
    }
    const table = backend.table<unknown>(this.tableName(d.name));
    const cell: StateCell<unknown> = this.scope ? new NamespacedCell(backend, table as never, this.scope) : new FlatCell(backend, table);
    const state = make(cell, d.ttl ? new TtlPolicy(d.ttl, this.now) : undefined);
    if (d.ttl && cell instanceof FlatCell) {
      const ttlState = state as unknown as TtlMaintainable;
      // Incremental cleanup for every record: a step whenever the runtime selects a record's key.
      if (d.ttl.cleanupEveryRecord) backend.addKeySelectionListener(() => ttlState.cleanupExpired());
      if (d.ttl.cleanupFullSnapshot) backend.setSnapshotFilter?.(table.name, (raw) => ttlState.snapshotFilter(raw));
    }
    this.created.set(d.name, { kind: d.kind, state });
    return state;
  }
}
