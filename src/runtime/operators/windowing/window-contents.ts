/**
 * What a window keeps, in the keyed backend under the window's namespace: a running reduce, a
 * running aggregate, or all elements (for process/apply functions and for evictors, which need
 * every element to choose from).
 */
import type { ReduceFunction } from "../../../api/functions.js";
import type { AggregateFunction } from "../../../api/state/aggregate-function.js";
import type { Evictor, EvictorContext, TimestampedValue } from "../../../api/windowing/evictors.js";
import type { Window } from "../../../api/windowing/windows.js";
import { richFunction } from "../../../api/functions.js";
import type { KeyedStateBackend } from "../../state/keyed-state-backend.js";
import { HeapAggregatingState, HeapListState, HeapReducingState } from "../../state/heap-states.js";
import { NamespacedCell, type Namespace, type NamespaceScope } from "../../state/state-cell.js";
import { NO_TIMESTAMP } from "../../network/record-batch-codec.js";

export type ContentsSpec =
  | { kind: "reduce"; reduce: ReduceFunction<unknown> }
  | { kind: "aggregate"; aggregate: AggregateFunction<unknown, unknown, unknown> }
  | { kind: "list" };

export interface WindowContents {
  add(value: unknown, timestamp: number): void;
  /** Calls `emit` with what the window function gets, unless the window is empty. */
  fire(window: Window, emit: (elements: readonly unknown[]) => void): void;
  clear(): void;
  merge(target: Namespace, sources: readonly Namespace[]): void;
}

const TABLE = "_window-contents";

export function createWindowContents(
  spec: ContentsSpec,
  backend: KeyedStateBackend,
  scope: NamespaceScope,
  evictor: Evictor<unknown, Window> | undefined,
  evictorContext: EvictorContext,
): WindowContents {
  const cell = new NamespacedCell<unknown>(backend, backend.table(TABLE), scope);
  if (evictor) return new EvictingContents(new HeapListState<TimestampedValue<unknown>>(cell as never, undefined), spec, evictor, evictorContext);
  switch (spec.kind) {
    case "reduce": {
      const s = new HeapReducingState<unknown>(cell, undefined, spec.reduce);
      return single(s, (v, ts) => s.add(v), () => s.get());
    }
    case "aggregate": {
      const s = new HeapAggregatingState<unknown, unknown, unknown>(cell, undefined, spec.aggregate);
      return single(s, (v) => s.add(v), () => s.get());
    }
    case "list": {
      const s = new HeapListState<unknown>(cell as never, undefined);
      return {
        add: (v) => s.add(v),
        fire: (_w, emit) => {
          const all = s.getArray();
          if (all.length > 0) emit(all);
        },
        clear: () => s.clear(),
        merge: (t, sources) => s.mergeNamespaces(t, sources),
      };
    }
  }
}

function single(
  state: { clear(): void; mergeNamespaces(t: Namespace, s: readonly Namespace[]): void },
  add: (v: unknown, ts: number) => void,
  get: () => unknown,
): WindowContents {
  return {
    add,
    fire: (_w, emit) => {
      const v = get();
      if (v !== undefined) emit([v]);
    },
    clear: () => state.clear(),
    merge: (t, sources) => state.mergeNamespaces(t, sources),
  };
}

/** All elements with timestamps; the evictor trims them around each firing (Flink's EvictingWindowOperator). */
class EvictingContents implements WindowContents {
  private readonly reduce?: (a: unknown, b: unknown) => unknown;
  constructor(
    private readonly list: HeapListState<TimestampedValue<unknown>>,
    private readonly spec: ContentsSpec,
    private readonly evictor: Evictor<unknown, Window>,
    private readonly ctx: EvictorContext,
  ) {
    if (spec.kind === "reduce") this.reduce = richFunction<(a: unknown, b: unknown) => unknown>(spec.reduce as never, "reduce").call;
  }

  add(value: unknown, timestamp: number): void {
    this.list.add({ value, timestamp: timestamp === NO_TIMESTAMP ? undefined : timestamp });
  }

  fire(window: Window, emit: (elements: readonly unknown[]) => void): void {
    const stored = this.list.getArray();
    if (stored.length === 0) return;
    const elements = [...stored];
    this.evictor.evictBefore(elements, elements.length, window, this.ctx);
    const values = elements.map((e) => e.value);
    if (values.length > 0) emit(this.project(values));
    this.evictor.evictAfter(elements, elements.length, window, this.ctx);
    this.list.update(elements);
  }

  /** Reduce/aggregate over the surviving elements, or the elements themselves. */
  private project(values: unknown[]): readonly unknown[] {
    const spec = this.spec;
    if (spec.kind === "reduce") return [values.reduce((a, b) => this.reduce!(a, b))];
    if (spec.kind === "aggregate") {
      let acc = spec.aggregate.createAccumulator();
      for (const v of values) acc = spec.aggregate.add(v, acc);
      return [spec.aggregate.getResult(acc)];
    }
    return values;
  }

  clear(): void {
    this.list.clear();
  }

  merge(target: Namespace, sources: readonly Namespace[]): void {
    this.list.mergeNamespaces(target, sources);
  }
}
