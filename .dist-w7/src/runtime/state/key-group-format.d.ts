import type { StateKey } from "./state-key.js";
export interface KeyGroupVisitor {
    /** An entry of an object-tables key group. */
    object(table: string, key: StateKey, value: unknown): void;
    /** An entry of a serialized-entries key group: the key as state-key-codec bytes, the value as v8 bytes. */
    serialized(table: string, key: Uint8Array, value: Uint8Array): void;
}
/** Calls the visitor for every entry of a key group's bytes, in either layout. */
export declare function visitKeyGroup(bytes: Uint8Array, visitor: KeyGroupVisitor): void;
/** Builds one serialized-entries key group; appends into large chunks to avoid per-entry buffers. */
export declare class SerializedKeyGroupWriter {
    private readonly chunks;
    private chunk;
    private pos;
    /** The table whose header is written with its first entry (empty tables leave no trace). */
    private pendingTable;
    /** Where the open table's entry count goes: a fixed-size field never spans chunks. */
    private countChunk;
    private countAt;
    private count;
    private entries;
    constructor();
    beginTable(name: string): void;
    add(key: Uint8Array, value: Uint8Array): void;
    /** The key group's bytes, or undefined when no table had entries. */
    finish(): Uint8Array | undefined;
    private writeTableHeader;
    private endTable;
    private write;
    private ensure;
    private nextChunk;
}
