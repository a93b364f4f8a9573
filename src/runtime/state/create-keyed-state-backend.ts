/** Creates the keyed state backend of one keyed operator of a task, as the job's settings say. */
import { HeapKeyedStateBackend } from "./heap-keyed-state-backend.js";
import type { KeyedStateBackend } from "./keyed-state-backend.js";
import { LmdbKeyedStateBackend } from "./lmdb/lmdb-keyed-state-backend.js";
import type { StateBackendSettings } from "./state-backend-settings.js";
import { ChangelogKeyedStateBackend } from "./changelog/changelog-keyed-state-backend.js";

export interface KeyedBackendScope {
  maxParallelism: number;
  keyGroupStart: number;
  keyGroupEnd: number;
  /** Names the backend's working folder (LMDB), e.g. "<job>-<vertex>-<subtask>". */
  label: string;
  /** Names the state changelog's shared files, e.g. "<vertex>-<subtask>-<operator uid>". */
  owner?: string;
}

type StoreSettings = Pick<StateBackendSettings, "type" | "lmdbLocalDir" | "lmdbCacheEntries"> & Partial<Pick<StateBackendSettings, "lmdbTimerService" | "lmdbTimerCacheSize">>;

/** The backend the settings name; with the state changelog on, wrapped in it (changelog/). */
export function createKeyedStateBackend(settings: StoreSettings & Pick<StateBackendSettings, "changelog">, scope: KeyedBackendScope): KeyedStateBackend {
  const backend = createStoreBackend(settings, scope);
  return settings.changelog ? new ChangelogKeyedStateBackend(backend, settings.changelog, scope.owner ?? scope.label) : backend;
}

function createStoreBackend(settings: StoreSettings, scope: KeyedBackendScope): KeyedStateBackend {
  if (settings.type === "lmdb") {
    return new LmdbKeyedStateBackend({
      maxParallelism: scope.maxParallelism,
      keyGroupStart: scope.keyGroupStart,
      keyGroupEnd: scope.keyGroupEnd,
      localDir: settings.lmdbLocalDir,
      cacheEntries: settings.lmdbCacheEntries,
      ...(settings.lmdbTimerService ? { timerService: settings.lmdbTimerService } : {}),
      ...(settings.lmdbTimerCacheSize ? { timerCacheSize: settings.lmdbTimerCacheSize } : {}),
      label: scope.label,
    });
  }
  return new HeapKeyedStateBackend(scope.maxParallelism, scope.keyGroupStart, scope.keyGroupEnd);
}
