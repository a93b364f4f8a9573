/**
 * What a checkpoint holds of a task's keyed state when the state changelog is on
 * (docs/state-backends.md, "Incremental checkpoints"), and the layout of the shared files.
 *
 * A handle is a list of runs, applied in order. A run is a materialization (a full snapshot of the
 * key groups of the subtask that took it, in the backends' key-group layout, key-group-format.ts)
 * and the change segments written after it, restricted to a key-group range. A subtask that never
 * restored has one run; one restored at another parallelism starts with the runs of every old
 * subtask it took key groups from (each cut to its own range) and adds its own, until its first
 * materialization replaces them all. Files are named relative to the job's checkpoint folder
 * (`shared/…`), so every retained checkpoint of the job can point at the same file.
 */
import type { StateKey } from "../state-key.js";

export interface SharedStateFile {
  /** Relative to the job's checkpoint folder: `shared/<name>`. */
  file: string;
  bytes: number;
}

export interface ChangelogRun {
  /** Only these key groups are taken from the run's files. */
  keyGroupStart: number;
  keyGroupEnd: number;
  /** Absent until the subtask's first materialization: the run's segments start from empty state. */
  materialization?: SharedStateFile;
  /** Oldest first. */
  segments: SharedStateFile[];
}

export interface ChangelogStateHandle {
  runs: ChangelogRun[];
}

/**
 * One change of a key group's segment: [table, key, value] puts a value, [table, key] deletes the
 * entry. Changes are coalesced per entry between two checkpoints: the segment holds the entry's
 * value as it was at the checkpoint (values are changed in place by state code, so the value at
 * the checkpoint is what a replay needs).
 */
export type StateChange = [table: string, key: StateKey, value: unknown] | [table: string, key: StateKey];

/** The payload of a shared file: [keyGroup, bytes] for every key group it has data of. */
export type KeyGroupBlobs = Array<[number, Uint8Array]>;

export function isKeyGroupBlobs(value: unknown): boolean {
  return Array.isArray(value) && value.every((e) => Array.isArray(e) && typeof e[0] === "number" && e[1] instanceof Uint8Array);
}

/** Every shared file a handle refers to, once each. */
export function filesOf(handle: ChangelogStateHandle): SharedStateFile[] {
  const seen = new Map<string, SharedStateFile>();
  for (const run of handle.runs) {
    if (run.materialization) seen.set(run.materialization.file, run.materialization);
    for (const s of run.segments) seen.set(s.file, s);
  }
  return [...seen.values()];
}
