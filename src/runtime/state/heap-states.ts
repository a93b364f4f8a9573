/**
 * The keyed state kinds on the heap backend. Each reads and writes through a StateCell (the
 * current key's entry, optionally within a namespace) and applies TTL when configured. The
 * namespaced variants can merge namespaces, which session windows need.
 */
import { richFunction, type Key, type ReduceFunction } from "../../api/functions.js";
import type { AggregateFunction } from "../../api/state/aggregate-function.js";
import type { AggregatingState, ListState, MapState, ReducingState, ValueState } from "../../api/state/state.js";
import { FlatCell, NamespacedCell, valueIn, type Namespace, type StateCell } from "./state-cell.js";
import { toStateKey, type StateKey } from "./state-key.js";
import type { TtlPolicy, TtlValue } from "./ttl.js";

/** Runs the TTL's incremental cleanup over a flat state's table. */
function maintain(cell: StateCell<unknown>, ttl: TtlPolicy | undefined, prune: (raw: never) => boolean): void {
  if (ttl && cell instanceof FlatCell) ttl.cleanup(cell.table, prune as (raw: unknown) => boolean);
}

/** What TTL state offers the registry for cleanup outside of reads (every record, full snapshots). */
export interface TtlMaintainable {
  cleanupExpired(): void;
  /** The stored value to write into a full snapshot, or undefined to leave it out. */
  snapshotFilter(raw: unknown): unknown;
}

/** Merges the values of `sources` into `target` within the current key (for merging windows). */
export interface MergeableState {
  mergeNamespaces(target: Namespace, sources: readonly Namespace[]): void;
}

function mergeCells<V>(cell: StateCell<V>, target: Namespace, sources: readonly Namespace[], combine: (a: V, b: V) => V): void {
  if (!(cell instanceof NamespacedCell)) throw new Error("only namespaced state can merge namespaces");
  let acc = cell.getIn(target);
  for (const s of sources) {
    if (s === target) continue;
    const v = cell.getIn(s);
    if (v === undefined) continue;
    cell.removeIn(s);
    acc = acc === undefined ? v : combine(acc, v);
  }
  if (acc !== undefined) cell.setIn(target, acc);
}

/** A single value (Value, Reducing and Aggregating state), wrapped with its time under TTL. */
abstract class SingleValueState<V> {
  /** The cell when namespaced without TTL: adds then skip the generic read and write (hot path of windows). */
  protected readonly windowCell: NamespacedCell<V> | undefined;
  constructor(
    protected readonly cell: StateCell<unknown>,
    protected readonly ttl: TtlPolicy | undefined,
  ) {
    this.windowCell = !ttl && cell instanceof NamespacedCell ? (cell as NamespacedCell<V>) : undefined;
  }

  protected read(): V | undefined {
    const raw = this.cell.get();
    if (raw === undefined) return undefined;
    const ttl = this.ttl;
    if (!ttl) return raw as V;
    maintain(this.cell, ttl, (r: TtlValue<unknown>) => ttl.expired(r));
    const { value, expired } = ttl.read(raw as TtlValue<V>);
    if (expired) this.cell.remove();
    return value;
  }

  /** One step of the incremental TTL cleanup without reading (for cleanup on every record). */
  cleanupExpired(): void {
    const ttl = this.ttl;
    maintain(this.cell, ttl, (r: TtlValue<unknown>) => ttl!.expired(r));
  }

  /** A stored value as a full snapshot keeps it: dropped when expired (cleanupFullSnapshot). */
  snapshotFilter(raw: unknown): unknown {
    return this.ttl!.expired(raw as TtlValue<unknown>) ? undefined : raw;
  }

  protected write(v: V): void {
    this.cell.set(this.ttl ? this.ttl.wrap(v) : v);
  }

  clear(): void {
    this.cell.remove();
  }
}

export class HeapValueState<T> extends SingleValueState<T> implements ValueState<T> {
  constructor(cell: StateCell<unknown>, ttl: TtlPolicy | undefined, private readonly defaultValue: T | undefined) {
    super(cell, ttl);
  }
  value(): T | undefined {
    const v = this.read();
    return v === undefined ? this.defaultValue : v;
  }
  update(value: T | undefined): void {
    if (value === undefined) this.cell.remove();
    else this.write(value);
  }
}

export class HeapReducingState<T> extends SingleValueState<T> implements ReducingState<T>, MergeableState {
  private readonly reduce: (a: T, b: T) => T;
  constructor(cell: StateCell<unknown>, ttl: TtlPolicy | undefined, reduce: ReduceFunction<T>) {
    super(cell, ttl);
    this.reduce = richFunction<(a: T, b: T) => T>(reduce as never, "reduce").call;
  }
  get(): T | undefined {
    return this.read();
  }
  add(value: T): void {
    const windowCell = this.windowCell;
    if (windowCell) {
      const values = windowCell.values();
      const ns = windowCell.scope.namespace;
      const current = valueIn(values, ns);
      windowCell.setWith(values, ns, current === undefined ? value : this.reduce(current, value));
      return;
    }
    const current = this.read();
    this.write(current === undefined ? value : this.reduce(current, value));
  }
  mergeNamespaces(target: Namespace, sources: readonly Namespace[]): void {
    if (this.ttl) throw new Error("merging windows do not support TTL state");
    mergeCells(this.cell as StateCell<T>, target, sources, this.reduce);
  }
}

export class HeapAggregatingState<IN, ACC, OUT> extends SingleValueState<ACC> implements AggregatingState<IN, OUT>, MergeableState {
  constructor(cell: StateCell<unknown>, ttl: TtlPolicy | undefined, private readonly fn: AggregateFunction<IN, ACC, OUT>) {
    super(cell, ttl);
  }
  get(): OUT | undefined {
    const acc = this.read();
    return acc === undefined ? undefined : this.fn.getResult(acc);
  }
  add(value: IN): void {
    const fn = this.fn;
    const windowCell = this.windowCell;
    if (windowCell) {
      const values = windowCell.values();
      const ns = windowCell.scope.namespace;
      const acc = valueIn(values, ns);
      windowCell.setWith(values, ns, fn.add(value, acc === undefined ? fn.createAccumulator() : acc));
      return;
    }
    const acc = this.read();
    this.write(fn.add(value, acc === undefined ? fn.createAccumulator() : acc));
  }
  mergeNamespaces(target: Namespace, sources: readonly Namespace[]): void {
    const merge = this.fn.merge?.bind(this.fn);
    if (!merge) throw new Error("merging windows (sessions) need an AggregateFunction with merge()");
    mergeCells(this.cell as StateCell<ACC>, target, sources, merge);
  }
}

/** A list; under TTL every element carries its own time, as in Flink. */
export class HeapListState<T> implements ListState<T>, MergeableState {
  constructor(
    private readonly cell: StateCell<unknown[]>,
    private readonly ttl: TtlPolicy | undefined,
  ) {}

  /** The live elements (the stored array itself when there is no TTL: do not modify it). */
  getArray(): readonly T[] {
    const raw = this.cell.get();
    if (raw === undefined) return [];
    const ttl = this.ttl;
    if (!ttl) return raw as T[];
    maintain(this.cell, ttl, (r: TtlValue<unknown>[]) => r.every((e) => ttl.expired(e)));
    const live = (raw as TtlValue<T>[]).filter((e) => !ttl.expired(e));
    const visible = ttl.returnExpired ? (raw as TtlValue<T>[]) : live;
    if (live.length === 0) this.cell.remove();
    else if (live.length !== raw.length) this.cell.set(live);
    if (ttl.refreshOnRead) for (const e of live) e.t = ttl.now();
    return visible.map((e) => e.v);
  }

  /** One step of the incremental TTL cleanup without reading (for cleanup on every record). */
  cleanupExpired(): void {
    const ttl = this.ttl;
    maintain(this.cell, ttl, (r: TtlValue<unknown>[]) => r.every((e) => ttl!.expired(e)));
  }

  /** A stored list as a full snapshot keeps it: only its live elements (cleanupFullSnapshot). */
  snapshotFilter(raw: unknown): unknown {
    const live = (raw as TtlValue<unknown>[]).filter((e) => !this.ttl!.expired(e));
    return live.length === 0 ? undefined : live;
  }

  get(): Iterable<T> {
    return this.getArray();
  }

  add(value: T): void {
    const raw = this.cell.get();
    const item = this.ttl ? this.ttl.wrap(value) : value;
    if (raw === undefined) this.cell.set([item]);
    else raw.push(item);
  }

  addAll(values: Iterable<T>): void {
    for (const v of values) this.add(v);
  }

  update(values: Iterable<T>): void {
    const items = [...values].map((v) => (this.ttl ? this.ttl.wrap(v) : v));
    if (items.length === 0) this.cell.remove();
    else this.cell.set(items);
  }

  clear(): void {
    this.cell.remove();
  }

  mergeNamespaces(target: Namespace, sources: readonly Namespace[]): void {
    mergeCells(this.cell, target, sources, (a, b) => a.concat(b));
  }
}

interface MapEntry<UK, UV> {
  k: UK;
  v: UV;
  /** Write time under TTL, 0 otherwise. */
  t: number;
}

/** A map per key; keys compare by value (arrays too); under TTL every entry expires on its own. */
export class HeapMapState<UK extends Key, UV> implements MapState<UK, UV> {
  constructor(
    private readonly cell: StateCell<Map<StateKey, MapEntry<UK, UV>>>,
    private readonly ttl: TtlPolicy | undefined,
  ) {}

  private map(create: boolean): Map<StateKey, MapEntry<UK, UV>> | undefined {
    let m = this.cell.get();
    if (!m && create) this.cell.set((m = new Map()));
    return m;
  }

  private live(entry: MapEntry<UK, UV> | undefined, m: Map<StateKey, MapEntry<UK, UV>>, sk: StateKey): MapEntry<UK, UV> | undefined {
    const ttl = this.ttl;
    if (!entry || !ttl) return entry;
    this.cleanupExpired();
    if (ttl.expired(entry)) {
      m.delete(sk);
      if (m.size === 0) this.cell.remove();
      return ttl.returnExpired ? entry : undefined;
    }
    if (ttl.refreshOnRead) entry.t = ttl.now();
    return entry;
  }

  /** One step of the incremental TTL cleanup without reading (for cleanup on every record). */
  cleanupExpired(): void {
    const ttl = this.ttl;
    maintain(this.cell, ttl, (r: Map<StateKey, MapEntry<UK, UV>>) => {
      for (const [k, e] of r) if (ttl!.expired(e)) r.delete(k);
      return r.size === 0;
    });
  }

  /** A stored map as a full snapshot keeps it: only its live entries (cleanupFullSnapshot). */
  snapshotFilter(raw: unknown): unknown {
    const live = new Map([...(raw as Map<StateKey, MapEntry<UK, UV>>)].filter(([, e]) => !this.ttl!.expired(e)));
    return live.size === 0 ? undefined : live;
  }

  get(key: UK): UV | undefined {
    const m = this.map(false);
    if (!m) return undefined;
    const sk = toStateKey(key);
    return this.live(m.get(sk), m, sk)?.v;
  }

  contains(key: UK): boolean {
    const m = this.map(false);
    if (!m) return false;
    const sk = toStateKey(key);
    return this.live(m.get(sk), m, sk) !== undefined;
  }

  put(key: UK, value: UV): void {
    this.map(true)!.set(toStateKey(key), { k: key, v: value, t: this.ttl ? this.ttl.now() : 0 });
  }

  putAll(entries: Iterable<readonly [UK, UV]>): void {
    for (const [k, v] of entries) this.put(k, v);
  }

  remove(key: UK): void {
    const m = this.map(false);
    if (!m) return;
    m.delete(toStateKey(key));
    if (m.size === 0) this.cell.remove();
  }

  /** A snapshot of the live entries, so callers may modify the state while iterating. */
  private liveEntries(): MapEntry<UK, UV>[] {
    const m = this.map(false);
    if (!m) return [];
    const out: MapEntry<UK, UV>[] = [];
    for (const [sk, e] of [...m]) {
      const l = this.live(e, m, sk);
      if (l) out.push(l);
    }
    return out;
  }

  *entries(): IterableIterator<[UK, UV]> {
    for (const e of this.liveEntries()) yield [e.k, e.v];
  }
  *keys(): IterableIterator<UK> {
    for (const e of this.liveEntries()) yield e.k;
  }
  *values(): IterableIterator<UV> {
    for (const e of this.liveEntries()) yield e.v;
  }
  isEmpty(): boolean {
    return this.liveEntries().length === 0;
  }
  clear(): void {
    this.cell.remove();
  }
}
