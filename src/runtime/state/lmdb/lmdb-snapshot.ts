/**
 * Reading a snapshot of the LMDB backend out, key group by key group. The synchronous part of a
 * snapshot opens an LMDB read transaction (a fixed view, whatever is written afterwards) and notes
 * the cache's modified entries; their values go into an overlay (serialized, not written to LMDB:
 * cheaper) when the task next changes them or else at the start of the asynchronous part, which
 * then merges each range of the view with its overlay, in key order.
 */
import type { RootDatabase, Transaction } from "lmdb";
import { SerializedKeyGroupWriter } from "../key-group-format.js";
import { encodeStateKey } from "../state-key-codec.js";
import type { StateKey } from "../state-key.js";
import { PREFIX_LENGTH, rangePrefix } from "./lmdb-keys.js";
import type { SnapshotOverlayLike } from "./write-back-cache.js";

/** How long reading a snapshot may hold the event loop before letting processing run. */
export const SNAPSHOT_SLICE_MS = 4;

/** Newer values than the view's: per table id and key group, state key → bytes (undefined: deleted). */
export class SnapshotOverlay implements SnapshotOverlayLike {
  private readonly byRange = new Map<number, Array<[StateKey, Buffer | undefined]>>();

  add(tableId: number, keyGroup: number, key: StateKey, bytes: Buffer | undefined): void {
    const id = tableId * 0x10000 + keyGroup;
    let list = this.byRange.get(id);
    if (!list) this.byRange.set(id, (list = []));
    list.push([key, bytes]);
  }

  /** The entries of one range as encoded keys, in LMDB's order (memcmp). */
  take(tableId: number, keyGroup: number): Array<[Buffer, Buffer | undefined]> {
    const id = tableId * 0x10000 + keyGroup;
    const list = this.byRange.get(id);
    if (!list) return [];
    this.byRange.delete(id);
    return list.map(([k, v]): [Buffer, Buffer | undefined] => [encodeStateKey(k), v]).sort((a, b) => Buffer.compare(a[0], b[0]));
  }
}

export interface SnapshotSource {
  db: RootDatabase<Buffer, Buffer>;
  txn: Transaction;
  keyGroupStart: number;
  keyGroupEnd: number;
  tables: ReadonlyArray<{ id: number; name: string }>;
  overlay: SnapshotOverlay;
}

/** [keyGroup, bytes] of every non-empty key group, in the serialized-entries layout. */
export async function readSnapshot(s: SnapshotSource): Promise<Array<[number, Uint8Array]>> {
  const out: Array<[number, Uint8Array]> = [];
  let sliceStart = performance.now();
  for (let kg = s.keyGroupStart; kg <= s.keyGroupEnd; kg++) {
    const writer = new SerializedKeyGroupWriter();
    for (const { id, name } of s.tables) {
      writer.beginTable(name);
      const newer = s.overlay.take(id, kg);
      let i = 0;
      for (const { key, value } of s.db.getRange({ start: rangePrefix(id, kg), end: rangePrefix(id, kg + 1), transaction: s.txn })) {
        const stateKey = key.subarray(PREFIX_LENGTH);
        let order = 1;
        for (; i < newer.length && (order = Buffer.compare(newer[i]![0], stateKey)) < 0; i++) {
          const [k, v] = newer[i]!;
          if (v) writer.add(k, v);
        }
        if (order === 0) {
          // The overlay's value replaces (or deletes) the view's.
          const v = newer[i++]![1];
          if (v) writer.add(stateKey, v);
        } else {
          writer.add(stateKey, value);
        }
      }
      for (; i < newer.length; i++) {
        const [k, v] = newer[i]!;
        if (v) writer.add(k, v);
      }
    }
    const bytes = writer.finish();
    if (bytes) out.push([kg, bytes]);
    if (performance.now() - sliceStart > SNAPSHOT_SLICE_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }
  return out;
}
