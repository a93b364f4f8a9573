import type { KeyedStateBackend } from "./keyed-state-backend.js";
import type { StateBackendSettings } from "./state-backend-settings.js";
export interface KeyedBackendScope {
    maxParallelism: number;
    keyGroupStart: number;
    keyGroupEnd: number;
    /** Names the backend's working folder (LMDB), e.g. "<job>-<vertex>-<subtask>". */
    label: string;
}
export declare function createKeyedStateBackend(settings: Pick<StateBackendSettings, "type" | "lmdbLocalDir" | "lmdbCacheEntries">, scope: KeyedBackendScope): KeyedStateBackend;
