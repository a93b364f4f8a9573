/**
 * The state files of a checkpoint of heap keyed state for the checkpoint benchmarks (bench/s3-checkpoints.ts,
 * bench/local-recovery.ts): 1 KiB values snapshotted per key group and split over 4 subtasks' files, as a
 * job at parallelism 4 would write them, and the `_metadata` that names them.
 */
import { tmpdir } from "node:os";
import { ValueStateDescriptor } from "../src/api/state/state-descriptors.js";
import { encodeTaskSnapshot } from "../src/runtime/checkpoint/task-state.js";
import { createKeyedStateBackend } from "../src/runtime/state/create-keyed-state-backend.js";
import { KeyedStateRegistry } from "../src/runtime/state/keyed-state-registry.js";
import { DEFAULT_LMDB_CACHE_ENTRIES } from "../src/runtime/state/state-backend-settings.js";
import { keyGroupRange } from "../src/graph/key-groups.js";
import type { CheckpointMetadata } from "../src/runtime/checkpoint/checkpoint-metadata.js";

export const SUBTASKS = 4;
export const MAX_PARALLELISM = 128;
const VALUE_BYTES = 1024;

/** The 4 subtasks' encoded state files of `stateBytes` of keyed state. */
export async function stateFiles(stateBytes: number): Promise<Uint8Array[]> {
  const scope = { maxParallelism: MAX_PARALLELISM, keyGroupStart: 0, keyGroupEnd: MAX_PARALLELISM - 1, label: "bench" };
  const backend = createKeyedStateBackend({ type: "hashmap", lmdbLocalDir: tmpdir(), lmdbCacheEntries: DEFAULT_LMDB_CACHE_ENTRIES }, scope);
  const state = new KeyedStateRegistry(backend, () => 0).getState(new ValueStateDescriptor<string>("payload"));
  const keys = Math.ceil(stateBytes / VALUE_BYTES);
  for (let k = 0; k < keys; k++) {
    backend.setCurrentKey(k);
    state.update(`${k}:`.padEnd(VALUE_BYTES, String.fromCharCode(97 + (k % 26))));
  }
  const groups = await backend.snapshot().materialize();
  await backend.dispose();
  return Array.from({ length: SUBTASKS }, (_, s) => {
    const range = keyGroupRange(MAX_PARALLELISM, SUBTASKS, s);
    const own = groups.filter(([g]) => g >= range.start && g <= range.end);
    return encodeTaskSnapshot({ operators: { bench: { keyed: own } } });
  });
}

export function metadataFor(files: Uint8Array[], id: number): CheckpointMetadata {
  return {
    version: 1,
    jobId: "bench",
    checkpointId: id,
    timestamp: Date.now(),
    kind: "checkpoint",
    operators: {
      bench: {
        vertexId: "v",
        operatorName: "bench",
        parallelism: SUBTASKS,
        maxParallelism: MAX_PARALLELISM,
        subtasks: files.map((f, s) => {
          const range = keyGroupRange(MAX_PARALLELISM, SUBTASKS, s);
          return { subtask: s, keyGroupStart: range.start, keyGroupEnd: range.end, file: `v-${s}.state`, bytes: f.byteLength };
        }),
      },
    },
  };
}
