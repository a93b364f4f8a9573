/**
 * Reading a snapshot of the LMDB backend out, key group by key group. The synchronous part of a
 * snapshot opens an LMDB read transaction (a fixed view, whatever is written afterwards) and
 * serializes the cache's modified entries into an overlay instead of writing them to LMDB first:
 * serializing is several times cheaper than writing, and the synchronous part is what stalls
 * processing. The asynchronous part merges each range of the view with its overlay, in key order.
 */
import type { RootDatabase, Transaction } from "lmdb";
import type { StateKey } from "../state-key.js";
/** Newer values than the view's: per table id and key group, state key → bytes (undefined: deleted). */
export declare class SnapshotOverlay {
    private readonly byRange;
    add(tableId: number, keyGroup: number, key: StateKey, bytes: Buffer | undefined): void;
    /** The entries of one range as encoded keys, in LMDB's order (memcmp). */
    take(tableId: number, keyGroup: number): Array<[Buffer, Buffer | undefined]>;
}
export interface SnapshotSource {
    db: RootDatabase<Buffer, Buffer>;
    txn: Transaction;
    keyGroupStart: number;
    keyGroupEnd: number;
    tables: ReadonlyArray<{
        id: number;
        name: string;
    }>;
    overlay: SnapshotOverlay;
}
/** [keyGroup, bytes] of every non-empty key group, in the serialized-entries layout. */
export declare function readSnapshot(s: SnapshotSource): Promise<Array<[number, Uint8Array]>>;
