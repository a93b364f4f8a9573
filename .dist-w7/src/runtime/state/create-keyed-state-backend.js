/** Creates the keyed state backend of one keyed operator of a task, as the job's settings say. */
import { HeapKeyedStateBackend } from "./heap-keyed-state-backend.js";
import { LmdbKeyedStateBackend } from "./lmdb/lmdb-keyed-state-backend.js";
export function createKeyedStateBackend(settings, scope) {
    if (settings.type === "lmdb") {
        return new LmdbKeyedStateBackend({
            maxParallelism: scope.maxParallelism,
            keyGroupStart: scope.keyGroupStart,
            keyGroupEnd: scope.keyGroupEnd,
            localDir: settings.lmdbLocalDir,
            cacheEntries: settings.lmdbCacheEntries,
            label: scope.label,
        });
    }
    return new HeapKeyedStateBackend(scope.maxParallelism, scope.keyGroupStart, scope.keyGroupEnd);
}
//# sourceMappingURL=create-keyed-state-backend.js.map