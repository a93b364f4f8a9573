/**
 * Keyed state on the JavaScript heap, partitioned by key group (DESIGN.md principle 6): every
 * state name has one Map per key group of this subtask's range, so a snapshot or a rescale moves
 * whole key groups. The Maps are native, so state access costs one Map lookup.
 */
import { serialize, deserialize } from "node:v8";
import { visitKeyGroup } from "./key-group-format.js";
import { ownedKeyGroup } from "./keyed-state-backend.js";
import { readStateKey } from "./state-key-codec.js";
import { toStateKey } from "./state-key.js";
export { KeyGroupOutOfRangeError } from "./keyed-state-backend.js";
/** The entries of one state name, one Map per key group. */
export class HeapStateTable {
    name;
    firstKeyGroup;
    groups;
    constructor(name, firstKeyGroup, size) {
        this.name = name;
        this.firstKeyGroup = firstKeyGroup;
        this.groups = Array.from({ length: size }, () => new Map());
    }
}
export class HeapKeyedStateBackend {
    maxParallelism;
    keyGroupStart;
    keyGroupEnd;
    type = "hashmap";
    tables = new Map();
    key;
    stateKey = "";
    groupIndex = -1;
    constructor(maxParallelism, keyGroupStart, keyGroupEnd) {
        this.maxParallelism = maxParallelism;
        this.keyGroupStart = keyGroupStart;
        this.keyGroupEnd = keyGroupEnd;
    }
    setCurrentKey(key) {
        const group = ownedKeyGroup(key, this.maxParallelism, this.keyGroupStart, this.keyGroupEnd);
        this.key = key;
        this.stateKey = toStateKey(key);
        this.groupIndex = group - this.keyGroupStart;
    }
    getCurrentKey() {
        if (this.key === undefined)
            throw new Error("keyed state accessed outside of a keyed context");
        return this.key;
    }
    get currentStateKey() {
        return this.stateKey;
    }
    currentGroup(table) {
        if (this.groupIndex < 0)
            throw new Error("keyed state accessed outside of a keyed context");
        return table.groups[this.groupIndex];
    }
    table(name) {
        let t = this.tables.get(name);
        if (!t) {
            t = new HeapStateTable(name, this.keyGroupStart, this.keyGroupEnd - this.keyGroupStart + 1);
            this.tables.set(name, t);
        }
        return t;
    }
    tableNames() {
        return [...this.tables.keys()];
    }
    /**
     * Serializes every non-empty key group now: the Maps and the objects in them keep changing as
     * soon as processing goes on, so there is nothing to defer (Flink's copy-on-write heap
     * snapshots would make this part asynchronous too).
     */
    snapshot() {
        const out = [];
        const size = this.keyGroupEnd - this.keyGroupStart + 1;
        for (let i = 0; i < size; i++) {
            const tables = {};
            let any = false;
            for (const [name, table] of this.tables) {
                const group = table.groups[i];
                if (group.size === 0)
                    continue;
                tables[name] = [...group];
                any = true;
            }
            if (any)
                out.push([this.keyGroupStart + i, serialize(tables)]);
        }
        return { materialize: () => Promise.resolve(out), release: () => { } };
    }
    restore(groups) {
        for (const [keyGroup, bytes] of groups) {
            if (keyGroup < this.keyGroupStart || keyGroup > this.keyGroupEnd)
                continue;
            const index = keyGroup - this.keyGroupStart;
            visitKeyGroup(bytes, {
                object: (name, k, v) => this.table(name).groups[index].set(k, v),
                serialized: (name, k, v) => this.table(name).groups[index].set(readStateKey(k), deserialize(v)),
            });
        }
    }
    dispose() {
        return Promise.resolve();
    }
}
//# sourceMappingURL=heap-keyed-state-backend.js.map