/**
 * Where one state's value for the current key lives in the heap backend. User state is "flat":
 * one entry per key in the key group's Map. Window and trigger state is "namespaced": per key a
 * Map from namespace (the window) to the value, so everything of a key stays in its key group and
 * a snapshot per key group still holds all of it.
 */
import type { KeyedStateBackend, StateTable } from "./keyed-state-backend.js";
/** A namespace key: a primitive, so that Map lookups compare by value. */
export type Namespace = string | number;
export interface StateCell<V> {
    get(): V | undefined;
    set(value: V): void;
    remove(): void;
}
export declare class FlatCell<V> implements StateCell<V> {
    private readonly backend;
    readonly table: StateTable<V>;
    constructor(backend: KeyedStateBackend, table: StateTable<V>);
    get(): V | undefined;
    set(value: V): void;
    remove(): void;
}
/** The current namespace, shared by all namespaced states of an operator; set before each access. */
export interface NamespaceScope {
    namespace: Namespace;
}
export declare class NamespacedCell<V> implements StateCell<V> {
    private readonly backend;
    readonly table: StateTable<Map<Namespace, V>>;
    readonly scope: NamespaceScope;
    constructor(backend: KeyedStateBackend, table: StateTable<Map<Namespace, V>>, scope: NamespaceScope);
    get namespace(): Namespace;
    get(): V | undefined;
    getIn(namespace: Namespace): V | undefined;
    set(value: V): void;
    /** Read-modify-write of the current namespace's value with one lookup of the key (hot path of windows). */
    compute(f: (old: V | undefined) => V): void;
    setIn(namespace: Namespace, value: V): void;
    remove(): void;
    removeIn(namespace: Namespace): void;
}
/** A cell that is a plain variable: operator state, which has no key. */
export declare class HolderCell<V> implements StateCell<V> {
    private value;
    get(): V | undefined;
    set(value: V): void;
    remove(): void;
}
