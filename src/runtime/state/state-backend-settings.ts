/**
 * Which keyed state backend a job's tasks use, and its options. The job's own choice
 * (env.setStateBackend) wins over the configuration (`state.backend.type`: the client's -D
 * options first, then the cluster's), as in Flink. Resolved once by the JobMaster and shipped to
 * every task, so all subtasks of a job agree. See docs/state-backends.md.
 */
import { tmpdir } from "node:os";
import { delimiter } from "node:path";
import { readOption } from "../../config/config-option.js";
import type { Configuration } from "../../config/configuration.js";
import { parseStateBackendType, type StateBackendType } from "../../api/state/state-backend-type.js";
import { StateBackendOptions } from "./state-backend-options.js";
import { StateChangelogOptions } from "./changelog/state-changelog-options.js";
import type { ChangelogSettings } from "./changelog/changelog-keyed-state-backend.js";

const { TYPE, LMDB_LOCAL_DIR, LMDB_CACHE_ENTRIES, LMDB_TIMER_SERVICE_FACTORY, LMDB_TIMER_CACHE_SIZE, IO_TMP_DIRS } = StateBackendOptions;

export type { StateBackendType };

export const DEFAULT_LMDB_CACHE_ENTRIES = LMDB_CACHE_ENTRIES.defaultValue;

export interface StateBackendSettings {
  type: StateBackendType;
  /** Parent folder of the LMDB backend's per-task folders. */
  lmdbLocalDir: string;
  /** Entries the LMDB backend keeps as live objects per task. */
  lmdbCacheEntries: number;
  /** Where the LMDB backend keeps timers (`state.backend.lmdb.timer-service.factory`). */
  lmdbTimerService: "lmdb" | "heap";
  /** Timers per key group the LMDB timer service keeps in memory. */
  lmdbTimerCacheSize: number;
  /** Set when checkpoints go through the state changelog (incremental checkpoints). */
  changelog?: ChangelogSettings;
}

/**
 * The settings of a job: `jobSettings.stateBackend` (set by env.setStateBackend) over the
 * configurations in the order given (the first that sets a key wins).
 */
export function resolveStateBackend(jobSettings: Readonly<Record<string, unknown>>, ...configs: ReadonlyArray<Configuration | undefined>): StateBackendSettings {
  const merged: Configuration = {};
  for (const c of [...configs].reverse()) Object.assign(merged, c ?? {});
  const fromJob = jobSettings.stateBackend;
  const configured = readOption(merged, TYPE);
  const type =
    typeof fromJob === "string"
      ? parseStateBackendType(fromJob, "env.setStateBackend()")
      : configured !== undefined
        ? parseStateBackendType(configured, TYPE.key)
        : "hashmap";
  const settings: StateBackendSettings = {
    type,
    lmdbLocalDir: localDir(merged),
    lmdbCacheEntries: readOption(merged, LMDB_CACHE_ENTRIES),
    lmdbTimerService: readOption(merged, LMDB_TIMER_SERVICE_FACTORY) === "HEAP" ? "heap" : "lmdb",
    lmdbTimerCacheSize: readOption(merged, LMDB_TIMER_CACHE_SIZE),
  };
  const changelogFromJob = jobSettings.changelogStateBackend;
  const changelog =
    typeof changelogFromJob === "boolean" ? changelogFromJob : readOption(merged, StateChangelogOptions.ENABLED) || readOption(merged, StateChangelogOptions.INCREMENTAL);
  if (changelog) {
    settings.changelog = {
      materializeIntervalMs: readOption(merged, StateChangelogOptions.PERIODIC_MATERIALIZE_INTERVAL),
      maxMaterializationFailures: readOption(merged, StateChangelogOptions.MAX_FAILURES_ALLOWED),
    };
  }
  return settings;
}

/** Flink's order: the backend's own key, then the TaskManager's temporary folders, then the OS's. */
function localDir(config: Configuration): string {
  const own = readOption(config, LMDB_LOCAL_DIR)?.trim();
  if (own) return own;
  return firstTempDir(config);
}

/** The first of the TaskManager's temporary folders (io.tmp.dirs), else the OS's. */
export function firstTempDir(config: Readonly<Configuration>): string {
  const first = readOption(config, IO_TMP_DIRS)
    ?.split(new RegExp(`[,${delimiter === ";" ? ";" : ":"}]`))
    .map((s) => s.trim())
    .find((s) => s !== "");
  return first ?? tmpdir();
}
