/**
 * Restore time from the checkpoint storage vs from task-local copies (docs/checkpoints.md, "Task-local
 * recovery"), in the same run: a checkpoint of heap keyed state (bench/checkpoint-files.ts: 1 KiB values,
 * 4 subtasks' state files) is restored by 4 subtasks at once as a TaskManager's tasks would — the
 * JobMaster's check of the checkpoint (one listing of its folder), then each subtask's
 * TaskStateRestorer.load (read, SHA-256 check, decode) and its key groups put into a fresh heap backend.
 * Sources: the checkpoint storage on a local directory (file://), the checkpoint storage on s3:// (s3rver
 * on loopback, test/support/s3.ts, storing on the same disk), and the subtasks' local copies
 * (FileTaskLocalStateStore) of the file:// checkpoint. All three are files on the same disk, warm in the
 * page cache after being written: the local copy saves the storage's request path (and on a real
 * remote store its network), not a disk. Reports medians over rounds (each starting with the next
 * source) and the ratio of each remote source to the local copies.
 *
 * Run: npm run build && node --expose-gc --max-old-space-size=8192 dist/bench/local-recovery.js [--mb 256] [--rounds 3]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { joinUri } from "../src/fs/file-system.js";
import { configureFileSystems, fileSystemFor } from "../src/fs/file-systems.js";
import { loadCheckpoint, taskRestoreOf, writeMetadata } from "../src/cluster/jobmaster/checkpoint-storage.js";
import { TaskStateRestorer } from "../src/runtime/checkpoint/task-restore.js";
import { FileTaskLocalStateStore } from "../src/runtime/checkpoint/local/file-task-local-state-store.js";
import type { TaskLocalStateStore } from "../src/runtime/checkpoint/local/task-local-state-store.js";
import { createKeyedStateBackend } from "../src/runtime/state/create-keyed-state-backend.js";
import { DEFAULT_LMDB_CACHE_ENTRIES } from "../src/runtime/state/state-backend-settings.js";
import { keyGroupRange } from "../src/graph/key-groups.js";
import { startS3Server } from "../test/support/s3.js";
import { argNumber, machine, median } from "./support.js";
import { MAX_PARALLELISM, SUBTASKS, metadataFor, stateFiles } from "./checkpoint-files.js";

const MB = 1024 * 1024;

interface Restore {
  /** The JobMaster's check plus every subtask's files read and decoded. */
  readMs: number;
  /** … and the key groups put into the subtasks' heap backends. */
  totalMs: number;
}

/** Restores checkpoint folder `dir` as 4 subtasks would; with `copies`, each from its local copy. */
async function restore(dir: string, copies?: TaskLocalStateStore[]): Promise<Restore> {
  globalThis.gc?.();
  const start = performance.now();
  const { metadata, dir: loaded } = await loadCheckpoint(dir);
  const task = taskRestoreOf(metadata, loaded);
  const ranges = Array.from({ length: SUBTASKS }, (_, s) => keyGroupRange(MAX_PARALLELISM, SUBTASKS, s));
  const restorers = await Promise.all(ranges.map((range, s) => TaskStateRestorer.load(task, s, SUBTASKS, ["bench"], range, copies?.[s])));
  const readMs = performance.now() - start;
  if (restorers.some((r) => r.restoredLocally !== (copies !== undefined))) throw new Error(`restoredLocally is not ${copies !== undefined} for every subtask`);
  const backends = ranges.map((range) =>
    createKeyedStateBackend({ type: "hashmap", lmdbLocalDir: tmpdir(), lmdbCacheEntries: DEFAULT_LMDB_CACHE_ENTRIES }, { maxParallelism: MAX_PARALLELISM, keyGroupStart: range.start, keyGroupEnd: range.end, label: "bench" }),
  );
  restorers.forEach((r, s) => r.operator("bench", ranges[s]!.start, ranges[s]!.end)!.restoreKeyed(backends[s]!));
  const totalMs = performance.now() - start;
  await Promise.all(backends.map((b) => b.dispose()));
  return { readMs, totalMs };
}

/** Writes the checkpoint's state files and `_metadata` into `dir` (not timed). */
async function writeCheckpoint(dir: string, files: Uint8Array[], id: number): Promise<void> {
  const fs = fileSystemFor(dir);
  await Promise.all(files.map((bytes, s) => fs.write(joinUri(dir, `v-${s}.state`), bytes)));
  await writeMetadata(dir, metadataFor(files, id));
}

async function main(): Promise<void> {
  const stateMb = argNumber("mb", 256);
  const rounds = argNumber("rounds", 3);
  console.log(`# restore of ${stateMb} MB keyed state (${SUBTASKS} subtasks), checkpoint storage vs local copies; ${machine()}`);
  const files = await stateFiles(stateMb * MB);
  const bytes = files.reduce((n, f) => n + f.byteLength, 0);
  const work = mkdtempSync(join(tmpdir(), "sluice-bench-local-recovery-"));
  const server = await startS3Server({ buckets: ["bench"] });
  configureFileSystems(server.config);
  try {
    const fileDir = joinUri(join(work, "checkpoints"), "chk-1");
    const s3Dir = "s3://bench/checkpoints/chk-1";
    await writeCheckpoint(fileDir, files, 1);
    await writeCheckpoint(s3Dir, files, 1);
    // The copies a TaskCheckpointer keeps beside its writes, named by the storage's URIs.
    const loaded = (await loadCheckpoint(fileDir)).dir;
    const copies = await Promise.all(
      files.map(async (bytes, s) => {
        const store = new FileTaskLocalStateStore(join(work, "local", `vtx_v_sti_${s}`));
        await store.store(1, joinUri(loaded, `v-${s}.state`), bytes);
        return store;
      }),
    );
    const results: Record<"file" | "s3" | "local", Restore[]> = { file: [], s3: [], local: [] };
    const sources: Array<[keyof typeof results, () => Promise<Restore>]> = [
      ["local", () => restore(fileDir, copies)],
      ["file", () => restore(fileDir)],
      ["s3", () => restore(s3Dir)],
    ];
    for (let r = 0; r < rounds; r++) {
      // Each round starts with the next source, so that no source always runs first (on a colder machine).
      for (let i = 0; i < sources.length; i++) {
        const [name, run] = sources[(r + i) % sources.length]!;
        results[name].push(await run());
      }
    }
    const m = (k: keyof typeof results, f: keyof Restore): number => median(results[k].map((x) => x[f]));
    console.log(`state files: ${(bytes / MB).toFixed(1)} MB in ${SUBTASKS} files; ${rounds} rounds, medians`);
    console.log(`source                       read (check + load)   read + into heap backends`);
    for (const [k, name] of [["local", "local copies"], ["file", "file:// checkpoint storage"], ["s3", "s3:// checkpoint storage"]] as const) {
      console.log(`${name.padEnd(28)} ${m(k, "readMs").toFixed(0).padStart(8)} ms ${((bytes / MB / m(k, "readMs")) * 1000).toFixed(0).padStart(6)} MB/s   ${m(k, "totalMs").toFixed(0).padStart(8)} ms`);
    }
    for (const k of ["file", "s3"] as const) {
      console.log(`ratio ${k}/local: read ${(m(k, "readMs") / m("local", "readMs")).toFixed(2)}×, read + into backends ${(m(k, "totalMs") / m("local", "totalMs")).toFixed(2)}×`);
    }
  } finally {
    await fileSystemFor("s3://bench/x").close();
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
