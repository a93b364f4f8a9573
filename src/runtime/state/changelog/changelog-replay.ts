/**
 * Rebuilding keyed state from a changelog handle: per run, the materialization's key groups, then
 * the segments' changes in order, each cut to the run's key groups and to the backend's own range
 * (that is all rescaling needs). Works on any keyed state backend, so a changelog checkpoint also
 * restores with the changelog turned off.
 */
import { timerQueueOf } from "../timers/timer-snapshot.js";
import { serialize, deserialize } from "node:v8";
import { joinUri } from "../../../fs/file-system.js";
import { readCheckedFile } from "../checked-file.js";
import type { KeyedStateBackend } from "../keyed-state-backend.js";
import type { StateKey } from "../state-key.js";
import { isKeyGroupBlobs, type ChangelogStateHandle, type KeyGroupBlobs } from "./changelog-handle.js";

/** A segment's changes of one key group: puts in the object-tables layout (key-group-format.ts), and deletes. */
export interface KeyGroupChanges {
  puts: Record<string, Array<[StateKey, unknown]>>;
  deletes: Record<string, StateKey[]>;
}

/** The shared files a restore needs, read by relative name. */
export type LoadedFiles = ReadonlyMap<string, KeyGroupBlobs>;

/** Reads the files of `handles` that hold key groups in [start, end] (in parallel; they may be remote). */
export async function loadChangelogFiles(jobDir: string, handles: readonly ChangelogStateHandle[], start: number, end: number, into: Map<string, KeyGroupBlobs>): Promise<void> {
  const needed = new Set<string>();
  for (const h of handles) {
    for (const run of h.runs) {
      if (run.keyGroupEnd < start || run.keyGroupStart > end) continue;
      if (run.materialization) needed.add(run.materialization.file);
      for (const s of run.segments) needed.add(s.file);
    }
  }
  await Promise.all(
    [...needed]
      .filter((f) => !into.has(f))
      .map(async (f) => into.set(f, await readCheckedFile<KeyGroupBlobs>(joinUri(jobDir, f), isKeyGroupBlobs, "a state changelog file"))),
  );
}

/** Applies `handle` to `backend`; returns the handle's runs cut to the backend's key groups (empty runs left out). */
export function replayChangelog(backend: KeyedStateBackend, handle: ChangelogStateHandle, files: LoadedFiles): ChangelogStateHandle["runs"] {
  const kept: ChangelogStateHandle["runs"] = [];
  for (const run of handle.runs) {
    const lo = Math.max(run.keyGroupStart, backend.keyGroupStart);
    const hi = Math.min(run.keyGroupEnd, backend.keyGroupEnd);
    if (lo > hi) continue;
    const inRange = ([kg]: [number, Uint8Array]): boolean => kg >= lo && kg <= hi;
    if (run.materialization) backend.restore(blobsOf(files, run.materialization.file).filter(inRange));
    for (const segment of run.segments) {
      for (const [kg, bytes] of blobsOf(files, segment.file).filter(inRange)) applyChanges(backend, kg, deserialize(bytes) as KeyGroupChanges);
    }
    kept.push({ ...run, keyGroupStart: lo, keyGroupEnd: hi });
  }
  return kept;
}

function blobsOf(files: LoadedFiles, file: string): KeyGroupBlobs {
  const blobs = files.get(file);
  if (!blobs) throw new Error(`state changelog file ${file} was not loaded`);
  return blobs;
}

/** The entries of one segment are distinct (changes are coalesced per entry), so deletes and puts commute. */
function applyChanges(backend: KeyedStateBackend, keyGroup: number, changes: KeyGroupChanges): void {
  const index = keyGroup - backend.keyGroupStart;
  for (const [table, keys] of Object.entries(changes.deletes)) {
    // A key's timers are written whole: replaying clears them, the puts bring back what is left.
    const queue = timerQueueOf(table);
    if (queue !== undefined) {
      const timers = backend.timerQueue(queue);
      for (const k of keys) timers.clearKey(keyGroup, k);
      continue;
    }
    const group = backend.table(table).groups[index]!;
    for (const k of keys) group.delete(k);
  }
  if (Object.keys(changes.puts).length > 0) backend.restore([[keyGroup, serialize(changes.puts)]]);
}
