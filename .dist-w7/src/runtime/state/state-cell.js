export class FlatCell {
    backend;
    table;
    constructor(backend, table) {
        this.backend = backend;
        this.table = table;
    }
    get() {
        return this.backend.currentGroup(this.table).get(this.backend.currentStateKey);
    }
    set(value) {
        this.backend.currentGroup(this.table).set(this.backend.currentStateKey, value);
    }
    remove() {
        this.backend.currentGroup(this.table).delete(this.backend.currentStateKey);
    }
}
export class NamespacedCell {
    backend;
    table;
    scope;
    constructor(backend, table, scope) {
        this.backend = backend;
        this.table = table;
        this.scope = scope;
    }
    get namespace() {
        return this.scope.namespace;
    }
    get() {
        return this.backend.currentGroup(this.table).get(this.backend.currentStateKey)?.get(this.scope.namespace);
    }
    getIn(namespace) {
        return this.backend.currentGroup(this.table).get(this.backend.currentStateKey)?.get(namespace);
    }
    set(value) {
        this.setIn(this.scope.namespace, value);
    }
    /** Read-modify-write of the current namespace's value with one lookup of the key (hot path of windows). */
    compute(f) {
        const group = this.backend.currentGroup(this.table);
        const sk = this.backend.currentStateKey;
        let m = group.get(sk);
        if (!m)
            group.set(sk, (m = new Map()));
        const ns = this.scope.namespace;
        m.set(ns, f(m.get(ns)));
    }
    setIn(namespace, value) {
        const group = this.backend.currentGroup(this.table);
        const sk = this.backend.currentStateKey;
        let m = group.get(sk);
        if (!m)
            group.set(sk, (m = new Map()));
        m.set(namespace, value);
    }
    remove() {
        this.removeIn(this.scope.namespace);
    }
    removeIn(namespace) {
        const group = this.backend.currentGroup(this.table);
        const sk = this.backend.currentStateKey;
        const m = group.get(sk);
        if (!m)
            return;
        m.delete(namespace);
        // An empty per-key map would keep the key alive in snapshots forever.
        if (m.size === 0)
            group.delete(sk);
    }
}
/** A cell that is a plain variable: operator state, which has no key. */
export class HolderCell {
    value;
    get() {
        return this.value;
    }
    set(value) {
        this.value = value;
    }
    remove() {
        this.value = undefined;
    }
}
//# sourceMappingURL=state-cell.js.map