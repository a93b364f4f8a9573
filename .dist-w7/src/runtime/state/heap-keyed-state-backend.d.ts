import type { Key } from "../../api/functions.js";
import { type KeyedStateBackend, type KeyedStateSnapshot, type StateTable } from "./keyed-state-backend.js";
import { type StateKey } from "./state-key.js";
export { KeyGroupOutOfRangeError } from "./keyed-state-backend.js";
export type { StateTable } from "./keyed-state-backend.js";
/** The entries of one state name, one Map per key group. */
export declare class HeapStateTable<V> implements StateTable<V> {
    readonly name: string;
    readonly firstKeyGroup: number;
    readonly groups: Map<StateKey, V>[];
    constructor(name: string, firstKeyGroup: number, size: number);
}
export declare class HeapKeyedStateBackend implements KeyedStateBackend {
    readonly maxParallelism: number;
    readonly keyGroupStart: number;
    readonly keyGroupEnd: number;
    readonly type = "hashmap";
    private readonly tables;
    private key;
    private stateKey;
    private groupIndex;
    constructor(maxParallelism: number, keyGroupStart: number, keyGroupEnd: number);
    setCurrentKey(key: Key): void;
    getCurrentKey(): Key;
    get currentStateKey(): StateKey;
    currentGroup<V>(table: StateTable<V>): Map<StateKey, V>;
    table<V>(name: string): HeapStateTable<V>;
    tableNames(): string[];
    /**
     * Serializes every non-empty key group now: the Maps and the objects in them keep changing as
     * soon as processing goes on, so there is nothing to defer (Flink's copy-on-write heap
     * snapshots would make this part asynchronous too).
     */
    snapshot(): KeyedStateSnapshot;
    restore(groups: Iterable<readonly [number, Uint8Array]>): void;
    dispose(): Promise<void>;
}
