/**
 * The keyed state backends a job can choose (env.setStateBackend, or `state.backend.type` in the
 * configuration), and the names accepted for each. See docs/state-backends.md.
 */
import { ConfigurationError } from "../../config/configuration.js";

export type StateBackendType = "hashmap" | "lmdb";

/**
 * Names accepted for each backend. Flink's names map to the backend that plays the same role:
 * `rocksdb` is the embedded on-disk backend for state larger than memory, which here is LMDB;
 * Flink's legacy heap names select the heap backend.
 */
const ALIASES: Record<string, StateBackendType> = {
  hashmap: "hashmap",
  heap: "hashmap",
  jobmanager: "hashmap",
  filesystem: "hashmap",
  lmdb: "lmdb",
  rocksdb: "lmdb",
};

/** The backend `name` selects; `source` (the key or the call that gave it) is named in the error. */
export function parseStateBackendType(name: string, source: string): StateBackendType {
  const type = ALIASES[name.trim().toLowerCase()];
  if (!type) throw new ConfigurationError(`${source} must be "hashmap" or "lmdb" ("rocksdb" is accepted for lmdb), got "${name}"`);
  return type;
}
