import { rehydrateWindow } from "../../../api/windowing/windows.js";
export class MergingWindowSet {
    assigner;
    ns;
    table;
    backend;
    mapping = new Map();
    constructor(assigner, ns, table, backend) {
        this.assigner = assigner;
        this.ns = ns;
        this.table = table;
        this.backend = backend;
        for (const [w, s] of backend.currentGroup(table).get(backend.currentStateKey) ?? []) {
            // After a restore the windows are plain objects until written back.
            const window = rehydrateWindow(w);
            this.mapping.set(ns(window), { window, state: rehydrateWindow(s) });
        }
    }
    getStateWindow(window) {
        return this.mapping.get(this.ns(window))?.state;
    }
    /** The window is gone (fired and cleaned up, or late). */
    retireWindow(window) {
        if (!this.mapping.delete(this.ns(window)))
            throw new Error(`window ${String(window)} is not in the merging window set`);
    }
    /**
     * Adds a new window, merging it with overlapping ones; returns the window it ended up in.
     * `merge` is called for every merge before the mapping is used again.
     */
    addWindow(newWindow, merge) {
        const ns = this.ns;
        const windows = [...[...this.mapping.values()].map((m) => m.window), newWindow];
        const results = [];
        this.assigner.mergeWindows(windows, (members, result) => results.push({ result, members }));
        const newNs = ns(newWindow);
        let resultWindow = newWindow;
        let mergedNewWindow = false;
        for (const { result, members } of results) {
            // The new window has no state of its own: take it (only it, by identity: an existing
            // window may be equal to it) out of the windows being merged.
            const merged = members.filter((m) => m !== newWindow);
            if (merged.length !== members.length) {
                mergedNewWindow = true;
                resultWindow = result;
            }
            const stateWindow = this.mapping.get(ns(merged[0])).state;
            const mergedStateWindows = [];
            for (const m of merged) {
                const entry = this.mapping.get(ns(m));
                if (entry) {
                    this.mapping.delete(ns(m));
                    mergedStateWindows.push(entry.state);
                }
            }
            this.mapping.set(ns(result), { window: result, state: stateWindow });
            const others = mergedStateWindows.filter((s) => ns(s) !== ns(stateWindow));
            // Merging one existing window into itself without growing it changes nothing.
            const noop = merged.length === 1 && ns(merged[0]) === ns(result);
            if (!noop)
                merge(result, merged, stateWindow, others);
        }
        if (results.length === 0 || (ns(resultWindow) === newNs && !mergedNewWindow)) {
            this.mapping.set(newNs, { window: resultWindow, state: resultWindow });
        }
        return resultWindow;
    }
    /** Writes the set back to the backend for the current key. */
    persist() {
        const group = this.backend.currentGroup(this.table);
        if (this.mapping.size === 0)
            group.delete(this.backend.currentStateKey);
        else
            group.set(this.backend.currentStateKey, [...this.mapping.values()].map((m) => [m.window, m.state]));
    }
}
//# sourceMappingURL=merging-window-set.js.map