/** Configuration of the keyed state backends (docs/state-backends.md). */
import { options } from "../../config/config-option.js";

export const STATE_BACKEND_TYPE = options.string<string | undefined>({
  key: "state.backend.type",
  default: undefined,
  documentedDefault: "hashmap",
  description:
    'The keyed state backend: "hashmap" (state as objects on the heap) or "lmdb" (embedded on-disk store for state larger than memory; ' +
    'Flink\'s "rocksdb" selects it). A job\'s own env.setStateBackend() wins.',
});

export const LMDB_LOCAL_DIR = options.string<string | undefined>({
  key: "state.backend.lmdb.localdir",
  default: undefined,
  documentedDefault: "the first of io.tmp.dirs",
  description: "The parent folder of the LMDB backend's per-task folders.",
});

export const LMDB_CACHE_ENTRIES = options.integer({
  key: "state.backend.lmdb.cache-entries",
  default: 10_000,
  description: "Entries the LMDB backend keeps as live objects per task (at least 1).",
});

export const IO_TMP_DIRS = options.string<string | undefined>({
  key: "io.tmp.dirs",
  deprecatedKeys: ["taskmanager.tmp.dirs"],
  default: undefined,
  documentedDefault: "the system's temporary folder",
  description: "Temporary folders of a TaskManager, separated by commas (or the platform's path delimiter); the first one is used.",
});
