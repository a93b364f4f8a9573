/**
 * The backends every shared state test runs against. The LMDB backend gets a tiny write-back
 * cache here, so even small tests evict, write back and read again all the time.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HeapKeyedStateBackend } from "../../../src/runtime/state/heap-keyed-state-backend.js";
import { LmdbKeyedStateBackend } from "../../../src/runtime/state/lmdb/lmdb-keyed-state-backend.js";
export const FULL_RANGE = { maxParallelism: 128, start: 0, end: 127 };
let localDir;
const created = [];
/** Parent folder of the LMDB backends of this test file. */
export function testLocalDir() {
    return (localDir ??= mkdtempSync(join(tmpdir(), "sluice-state-backend-tests-")));
}
export const BACKENDS = [
    {
        type: "hashmap",
        create: (r = FULL_RANGE) => remember(new HeapKeyedStateBackend(r.maxParallelism, r.start, r.end)),
    },
    {
        type: "lmdb",
        create: (r = FULL_RANGE, cacheEntries = 4) => remember(new LmdbKeyedStateBackend({ maxParallelism: r.maxParallelism, keyGroupStart: r.start, keyGroupEnd: r.end, localDir: testLocalDir(), cacheEntries, label: "test" })),
    },
];
function remember(b) {
    created.push(b);
    return b;
}
/** Disposes every backend the tests created and removes the LMDB folders; for after(). */
export async function disposeBackends() {
    await Promise.all(created.splice(0).map((b) => b.dispose()));
    if (localDir)
        rmSync(localDir, { recursive: true, force: true });
    localDir = undefined;
}
//# sourceMappingURL=backends.js.map