import { type Configuration } from "../../config/configuration.js";
import type { StateBackendType } from "./keyed-state-backend.js";
export type { StateBackendType } from "./keyed-state-backend.js";
export declare const STATE_BACKEND_TYPE_KEY = "state.backend.type";
export declare const LMDB_LOCAL_DIR_KEY = "state.backend.lmdb.localdir";
export declare const LMDB_CACHE_ENTRIES_KEY = "state.backend.lmdb.cache-entries";
export declare const DEFAULT_LMDB_CACHE_ENTRIES = 10000;
export interface StateBackendSettings {
    type: StateBackendType;
    /** Parent folder of the LMDB backend's per-task folders. */
    lmdbLocalDir: string;
    /** Entries the LMDB backend keeps as live objects per task. */
    lmdbCacheEntries: number;
}
export declare function parseStateBackendType(name: string, source?: string): StateBackendType;
/**
 * The settings of a job: `jobSettings.stateBackend` (set by env.setStateBackend) over the
 * configurations in the order given (the first that sets a key wins).
 */
export declare function resolveStateBackend(jobSettings: Readonly<Record<string, unknown>>, ...configs: ReadonlyArray<Configuration | undefined>): StateBackendSettings;
