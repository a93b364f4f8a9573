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
import { HeapListState, HeapMapState } from "./heap-states.js";
import { HolderCell } from "./state-cell.js";

export type OperatorStateMode = "split" | "union" | "broadcast";

export interface OperatorStateEntry {
  mode: OperatorStateMode;
  /** List elements, or [key, value] pairs for broadcast state. */
  items: unknown[];
}

export type OperatorStateSnapshot = Record<string, OperatorStateEntry>;

interface Registered {
  mode: OperatorStateMode;
  list?: HeapListState<unknown>;
  map?: HeapMapState<Key, unknown>;
}

export class OperatorStateBackend implements OperatorStateStore {
  private readonly states = new Map<string, Registered>();

  constructor(private readonly restored: OperatorStateSnapshot = {}) {}

  getListState<T>(d: ListStateDescriptor<T>): ListState<T> {
    return this.list(d.name, "split") as HeapListState<T>;
  }

  getUnionListState<T>(d: ListStateDescriptor<T>): ListState<T> {
    return this.list(d.name, "union") as HeapListState<T>;
  }

  getBroadcastState<UK extends Key, UV>(d: MapStateDescriptor<UK, UV>): BroadcastState<UK, UV> {
    const r = this.register(d.name, "broadcast");
    if (!r.map) {
      r.map = new HeapMapState<Key, unknown>(new HolderCell(), undefined);
      for (const [k, v] of (this.restored[d.name]?.items ?? []) as [Key, unknown][]) r.map.put(k, v);
    }
    return r.map as unknown as BroadcastState<UK, UV>;
  }

  private list(name: string, mode: OperatorStateMode): HeapListState<unknown> {
    const r = this.register(name, mode);
    if (!r.list) {
      r.list = new HeapListState<unknown>(new HolderCell(), undefined);
      r.list.update(this.restored[name]?.items ?? []);
    }
    return r.list;
  }

  private register(name: string, mode: OperatorStateMode): Registered {
    let r = this.states.get(name);
    if (r && r.mode !== mode) throw new Error(`operator state "${name}" was created as ${r.mode} state, not ${mode} state`);
    if (!r) this.states.set(name, (r = { mode }));
    return r;
  }

  names(): string[] {
    return [...this.states.keys()];
  }

  /** A deep-enough copy of everything: later changes to the state don't change the snapshot. */
  snapshot(): OperatorStateSnapshot {
    const out: OperatorStateSnapshot = {};
    for (const [name, r] of this.states) {
      out[name] = { mode: r.mode, items: r.map ? [...r.map.entries()] : [...r.list!.getArray()] };
    }
    return out;
  }
}

/** Operator state for `parallelism` new instances from the snapshots of all old instances. */
export function redistributeOperatorState(snapshots: readonly OperatorStateSnapshot[], parallelism: number): OperatorStateSnapshot[] {
  const result: OperatorStateSnapshot[] = Array.from({ length: parallelism }, () => ({}));
  const names = new Set(snapshots.flatMap((s) => Object.keys(s)));
  for (const name of names) {
    const entries = snapshots.map((s) => s[name]).filter((e): e is OperatorStateEntry => e !== undefined);
    const mode = entries[0]!.mode;
    if (mode === "broadcast") {
      for (const r of result) r[name] = { mode, items: [...entries[0]!.items] };
      continue;
    }
    const all = entries.flatMap((e) => e.items);
    if (mode === "union") {
      for (const r of result) r[name] = { mode, items: [...all] };
      continue;
    }
    // Even split: the first (all % parallelism) instances get one element more.
    const base = Math.floor(all.length / parallelism);
    const extra = all.length % parallelism;
    let offset = 0;
    for (let i = 0; i < parallelism; i++) {
      const n = base + (i < extra ? 1 : 0);
      result[i]![name] = { mode, items: all.slice(offset, offset + n) };
      offset += n;
    }
  }
  return result;
}
