/**
 * Where one state's value for the current key lives in the heap backend. User state is "flat":
 * one entry per key in the key group's Map. Window and trigger state is "namespaced": per key the
 * value of each namespace (the window; docs/state-and-time.md, "Window namespaces"), so everything
 * of a key stays in its key group and a snapshot per key group still holds all of it.
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

/**
 * A key's value in its only namespace: most keys have one window at a time (tumbling windows, a
 * session), and a two-field object costs a fraction of a Map to make, keep and collect.
 */
export interface NamespaceSlot<V> {
  ns: Namespace;
  v: V;
}

/** What a namespaced table holds per key: one namespace's value, or a Map once there are several. */
export type NamespacedValues<V> = NamespaceSlot<V> | Map<Namespace, V>;

/** The value of `namespace` in a key's entry (which may be undefined: the key has none). */
export function valueIn<V>(values: NamespacedValues<V> | undefined, namespace: Namespace): V | undefined {
  if (values === undefined) return undefined;
  if (values instanceof Map) return values.get(namespace);
  return values.ns === namespace ? values.v : undefined;
}

export class NamespacedCell<V> implements StateCell<V> {
  constructor(
    private readonly backend: KeyedStateBackend,
    readonly table: StateTable<NamespacedValues<V>>,
    readonly scope: NamespaceScope,
  ) {}

  get namespace(): Namespace {
    return this.scope.namespace;
  }

  /** The current key's entry, for a read-modify-write with one lookup of the key (valueIn, then setWith). */
  values(): NamespacedValues<V> | undefined {
    return this.backend.currentGroup(this.table).get(this.backend.currentStateKey);
  }

  get(): V | undefined {
    return valueIn(this.values(), this.scope.namespace);
  }
  getIn(namespace: Namespace): V | undefined {
    return valueIn(this.values(), namespace);
  }
  set(value: V): void {
    this.setWith(this.values(), this.scope.namespace, value);
  }
  setIn(namespace: Namespace, value: V): void {
    this.setWith(this.values(), namespace, value);
  }

  /** Sets `namespace` to `value` in `values`, the current key's entry as values() returned it. */
  setWith(values: NamespacedValues<V> | undefined, namespace: Namespace, value: V): void {
    if (values instanceof Map) {
      values.set(namespace, value);
    } else if (values !== undefined && values.ns === namespace) {
      values.v = value;
    } else {
      let entry: NamespacedValues<V>;
      if (values === undefined) {
        entry = { ns: namespace, v: value };
      } else {
        // A second namespace: from now on a Map (until the key has none left).
        entry = new Map<Namespace, V>().set(values.ns, values.v).set(namespace, value);
      }
      this.backend.currentGroup(this.table).set(this.backend.currentStateKey, entry);
    }
  }

  remove(): void {
    this.removeIn(this.scope.namespace);
  }
  removeIn(namespace: Namespace): void {
    const group = this.backend.currentGroup(this.table);
    const sk = this.backend.currentStateKey;
    const values = group.get(sk);
    if (values === undefined) return;
    if (values instanceof Map) {
      values.delete(namespace);
      // An empty entry would keep the key alive in snapshots forever.
      if (values.size === 0) group.delete(sk);
    } else if (values.ns === namespace) {
      group.delete(sk);
    }
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
