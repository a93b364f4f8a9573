/**
 * Where one state's value for the current key lives in the heap backend. User state is "flat":
 * one entry per key in the key group's Map. Window and trigger state is "namespaced": per key a
 * Map from namespace (the window) to the value, so everything of a key stays in its key group and
 * a snapshot per key group still holds all of it.
 */
import type { KeyedStateBackend, StateTable } from "./keyed-state-backend.js";
import type { StateKey } from "./state-key.js";

/** A namespace key: a primitive, so that Map lookups compare by value. */
export type Namespace = string | number;

export interface StateCell<V> {
  get(): V | undefined;
  set(value: V): void;
  remove(): void;
}

export class FlatCell<V> implements StateCell<V> {
  constructor(
    private readonly backend: KeyedStateBackend,
    readonly table: StateTable<V>,
  ) {}
  get(): V | undefined {
    return this.backend.currentGroup(this.table).get(this.backend.currentStateKey);
  }
  set(value: V): void {
    this.backend.currentGroup(this.table).set(this.backend.currentStateKey, value);
  }
  remove(): void {
    this.backend.currentGroup(this.table).delete(this.backend.currentStateKey);
  }
}

/** The current namespace, shared by all namespaced states of an operator; set before each access. */
export interface NamespaceScope {
  namespace: Namespace;
}

export class NamespacedCell<V> implements StateCell<V> {
  constructor(
    private readonly backend: KeyedStateBackend,
    readonly table: StateTable<Map<Namespace, V>>,
    readonly scope: NamespaceScope,
  ) {}

  get namespace(): Namespace {
    return this.scope.namespace;
  }

  get(): V | undefined {
    return this.backend.currentGroup(this.table).get(this.backend.currentStateKey)?.get(this.scope.namespace);
  }
  getIn(namespace: Namespace): V | undefined {
    return this.backend.currentGroup(this.table).get(this.backend.currentStateKey)?.get(namespace);
  }
  set(value: V): void {
    this.setIn(this.scope.namespace, value);
  }
  /**
   * The current key's namespace → value Map, created when missing: a read-modify-write of the
   * current namespace then costs one lookup of the key (hot path of windows). Remove a namespace
   * with removeIn(), which drops the Map when it empties.
   */
  namespaces(): Map<Namespace, V> {
    const group = this.backend.currentGroup(this.table);
    const sk: StateKey = this.backend.currentStateKey;
    let m = group.get(sk);
    if (!m) group.set(sk, (m = new Map()));
    return m;
  }
  setIn(namespace: Namespace, value: V): void {
    this.namespaces().set(namespace, value);
  }
  remove(): void {
    this.removeIn(this.scope.namespace);
  }
  removeIn(namespace: Namespace): void {
    const group = this.backend.currentGroup(this.table);
    const sk = this.backend.currentStateKey;
    const m = group.get(sk);
    if (!m) return;
    m.delete(namespace);
    // An empty per-key map would keep the key alive in snapshots forever.
    if (m.size === 0) group.delete(sk);
  }
}

/** A cell that is a plain variable: operator state, which has no key. */
export class HolderCell<V> implements StateCell<V> {
  private value: V | undefined;
  get(): V | undefined {
    return this.value;
  }
  set(value: V): void {
    this.value = value;
  }
  remove(): void {
    this.value = undefined;
  }
}
