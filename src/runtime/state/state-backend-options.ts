/** State backends: which keyed state backend the tasks of a job use, and its settings (docs/state-backends.md). */
import { options } from "../../config/config-option.js";

export const StateBackendOptions = {
  TYPE: options.string<string | undefined>({
    key: "state.backend.type",
    default: undefined,
    documentedDefault: "hashmap",
    description:
      'The keyed state backend: "hashmap" (state as objects on the heap) or "lmdb" (an embedded on-disk store for state larger than memory; ' +
      "Flink's \"rocksdb\" selects it). A job's own env.setStateBackend() wins.",
  }),
  LMDB_LOCAL_DIR: options.string<string | undefined>({
    key: "state.backend.lmdb.localdir",
    default: undefined,
    documentedDefault: "the first of io.tmp.dirs",
    description: "The parent folder of the LMDB backend's per-task folders.",
  }),
  LMDB_CACHE_ENTRIES: options.integer({
    key: "state.backend.lmdb.cache-entries",
    default: 10_000,
    min: 1,
    description: "Entries the LMDB backend keeps as live objects per task.",
  }),
  LMDB_TIMER_SERVICE_FACTORY: options.enum({
    key: "state.backend.lmdb.timer-service.factory",
    deprecatedKeys: ["state.backend.rocksdb.timer-service.factory"],
    values: ["LMDB", "HEAP", "ROCKSDB"] as const,
    default: "LMDB",
    description:
      'Where the LMDB backend keeps timers: "LMDB" (in the backend, ordered on disk, larger than memory; Flink\'s "ROCKSDB" means the same) ' +
      'or "HEAP" (typed-array heaps in memory, faster, bounded by the heap). The hashmap backend always keeps them on the heap.',
  }),
  LMDB_TIMER_CACHE_SIZE: options.integer({
    key: "state.backend.lmdb.timer-service.cache-size",
    deprecatedKeys: ["state.backend.rocksdb.timer-service.cache-size"],
    default: 128,
    min: 1,
    description: "Timers per key group that the LMDB timer service keeps in memory (the head of each key group's queue).",
  }),
  IO_TMP_DIRS: options.string<string | undefined>({
    key: "io.tmp.dirs",
    deprecatedKeys: ["taskmanager.tmp.dirs"],
    default: undefined,
    documentedDefault: "the system's temporary folder",
    description: "Temporary folders, separated by commas (or the platform's path delimiter); the first one holds the LMDB backend's folders unless state.backend.lmdb.localdir is set.",
  }),
};
