/**
 * Which keyed state backend a job's tasks use, and its options. The job's own choice
 * (env.setStateBackend) wins over the configuration (`state.backend.type`: the client's -D
 * options first, then the cluster's), as in Flink. Resolved once by the JobMaster and shipped to
 * every task, so all subtasks of a job agree. See docs/state-backends.md.
 */
import { tmpdir } from "node:os";
import { delimiter } from "node:path";
import { ConfigurationError, intOption } from "../../config/configuration.js";
export const STATE_BACKEND_TYPE_KEY = "state.backend.type";
export const LMDB_LOCAL_DIR_KEY = "state.backend.lmdb.localdir";
export const LMDB_CACHE_ENTRIES_KEY = "state.backend.lmdb.cache-entries";
export const DEFAULT_LMDB_CACHE_ENTRIES = 10_000;
/**
 * Names accepted for each backend. Flink's names map to the backend that plays the same role:
 * `rocksdb` is the embedded on-disk backend for state larger than memory, which here is LMDB;
 * Flink's legacy heap names select the heap backend.
 */
const ALIASES = {
    hashmap: "hashmap",
    heap: "hashmap",
    jobmanager: "hashmap",
    filesystem: "hashmap",
    lmdb: "lmdb",
    rocksdb: "lmdb",
};
export function parseStateBackendType(name, source = STATE_BACKEND_TYPE_KEY) {
    const type = ALIASES[name.trim().toLowerCase()];
    if (!type)
        throw new ConfigurationError(`${source} must be "hashmap" or "lmdb" ("rocksdb" is accepted for lmdb), got "${name}"`);
    return type;
}
/**
 * The settings of a job: `jobSettings.stateBackend` (set by env.setStateBackend) over the
 * configurations in the order given (the first that sets a key wins).
 */
export function resolveStateBackend(jobSettings, ...configs) {
    const merged = {};
    for (const c of [...configs].reverse())
        Object.assign(merged, c ?? {});
    const fromJob = jobSettings.stateBackend;
    const type = typeof fromJob === "string"
        ? parseStateBackendType(fromJob, "env.setStateBackend()")
        : merged[STATE_BACKEND_TYPE_KEY] !== undefined
            ? parseStateBackendType(merged[STATE_BACKEND_TYPE_KEY])
            : "hashmap";
    const cacheEntries = intOption(merged, LMDB_CACHE_ENTRIES_KEY, DEFAULT_LMDB_CACHE_ENTRIES);
    if (cacheEntries < 1)
        throw new ConfigurationError(`${LMDB_CACHE_ENTRIES_KEY} must be at least 1, got ${cacheEntries}`);
    return { type, lmdbLocalDir: localDir(merged), lmdbCacheEntries: cacheEntries };
}
/** Flink's order: the backend's own key, then the TaskManager's temporary folders, then the OS's. */
function localDir(config) {
    const own = config[LMDB_LOCAL_DIR_KEY]?.trim();
    if (own)
        return own;
    for (const key of ["io.tmp.dirs", "taskmanager.tmp.dirs"]) {
        const first = config[key]
            ?.split(new RegExp(`[,${delimiter === ";" ? ";" : ":"}]`))
            .map((s) => s.trim())
            .find((s) => s !== "");
        if (first)
            return first;
    }
    return tmpdir();
}
//# sourceMappingURL=state-backend-settings.js.map