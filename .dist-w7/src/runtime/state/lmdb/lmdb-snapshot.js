import { SerializedKeyGroupWriter } from "../key-group-format.js";
import { encodeStateKey } from "../state-key-codec.js";
import { PREFIX_LENGTH, rangePrefix } from "./lmdb-keys.js";
/** How long reading a snapshot may hold the event loop before letting processing run. */
const SLICE_MS = 4;
/** Newer values than the view's: per table id and key group, state key → bytes (undefined: deleted). */
export class SnapshotOverlay {
    byRange = new Map();
    add(tableId, keyGroup, key, bytes) {
        const id = tableId * 0x10000 + keyGroup;
        let list = this.byRange.get(id);
        if (!list)
            this.byRange.set(id, (list = []));
        list.push([key, bytes]);
    }
    /** The entries of one range as encoded keys, in LMDB's order (memcmp). */
    take(tableId, keyGroup) {
        const id = tableId * 0x10000 + keyGroup;
        const list = this.byRange.get(id);
        if (!list)
            return [];
        this.byRange.delete(id);
        return list.map(([k, v]) => [encodeStateKey(k), v]).sort((a, b) => Buffer.compare(a[0], b[0]));
    }
}
/** [keyGroup, bytes] of every non-empty key group, in the serialized-entries layout. */
export async function readSnapshot(s) {
    const out = [];
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
                for (; i < newer.length && (order = Buffer.compare(newer[i][0], stateKey)) < 0; i++) {
                    const [k, v] = newer[i];
                    if (v)
                        writer.add(k, v);
                }
                if (order === 0) {
                    // The overlay's value replaces (or deletes) the view's.
                    const v = newer[i++][1];
                    if (v)
                        writer.add(stateKey, v);
                }
                else {
                    writer.add(stateKey, value);
                }
            }
            for (; i < newer.length; i++) {
                const [k, v] = newer[i];
                if (v)
                    writer.add(k, v);
            }
        }
        const bytes = writer.finish();
        if (bytes)
            out.push([kg, bytes]);
        if (performance.now() - sliceStart > SLICE_MS) {
            await new Promise((resolve) => setImmediate(resolve));
            sliceStart = performance.now();
        }
    }
    return out;
}
//# sourceMappingURL=lmdb-snapshot.js.map