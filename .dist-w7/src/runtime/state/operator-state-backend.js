import { HeapListState, HeapMapState } from "./heap-states.js";
import { HolderCell } from "./state-cell.js";
export class OperatorStateBackend {
    restored;
    states = new Map();
    constructor(restored = {}) {
        this.restored = restored;
    }
    getListState(d) {
        return this.list(d.name, "split");
    }
    getUnionListState(d) {
        return this.list(d.name, "union");
    }
    getBroadcastState(d) {
        const r = this.register(d.name, "broadcast");
        if (!r.map) {
            r.map = new HeapMapState(new HolderCell(), undefined);
            for (const [k, v] of (this.restored[d.name]?.items ?? []))
                r.map.put(k, v);
        }
        return r.map;
    }
    list(name, mode) {
        const r = this.register(name, mode);
        if (!r.list) {
            r.list = new HeapListState(new HolderCell(), undefined);
            r.list.update(this.restored[name]?.items ?? []);
        }
        return r.list;
    }
    register(name, mode) {
        let r = this.states.get(name);
        if (r && r.mode !== mode)
            throw new Error(`operator state "${name}" was created as ${r.mode} state, not ${mode} state`);
        if (!r)
            this.states.set(name, (r = { mode }));
        return r;
    }
    names() {
        return [...this.states.keys()];
    }
    /** A deep-enough copy of everything: later changes to the state don't change the snapshot. */
    snapshot() {
        const out = {};
        for (const [name, r] of this.states) {
            out[name] = { mode: r.mode, items: r.map ? [...r.map.entries()] : [...r.list.getArray()] };
        }
        return out;
    }
}
/** Operator state for `parallelism` new instances from the snapshots of all old instances. */
export function redistributeOperatorState(snapshots, parallelism) {
    const result = Array.from({ length: parallelism }, () => ({}));
    const names = new Set(snapshots.flatMap((s) => Object.keys(s)));
    for (const name of names) {
        const entries = snapshots.map((s) => s[name]).filter((e) => e !== undefined);
        const mode = entries[0].mode;
        if (mode === "broadcast") {
            for (const r of result)
                r[name] = { mode, items: [...entries[0].items] };
            continue;
        }
        const all = entries.flatMap((e) => e.items);
        if (mode === "union") {
            for (const r of result)
                r[name] = { mode, items: [...all] };
            continue;
        }
        // Even split: the first (all % parallelism) instances get one element more.
        const base = Math.floor(all.length / parallelism);
        const extra = all.length % parallelism;
        let offset = 0;
        for (let i = 0; i < parallelism; i++) {
            const n = base + (i < extra ? 1 : 0);
            result[i][name] = { mode, items: all.slice(offset, offset + n) };
            offset += n;
        }
    }
    return result;
}
//# sourceMappingURL=operator-state-backend.js.map