/**
 * A checkpoint of 200 MB of keyed state to s3:// against the same checkpoint to a local directory, in
 * the same run (docs/checkpoints.md, "Storage on S3"): heap keyed state of 1 KiB values is snapshotted
 * per key group, split over 4 subtasks' state files as a job at parallelism 4 would, and each target
 * gets what a checkpoint writes — the 4 state files concurrently (the TaskCheckpointer's write, through
 * the file system), then `_metadata` — and what a restore reads: the JobMaster's check of the
 * checkpoint (one listing) and every state file read and decoded. The S3 server is s3rver on loopback
 * (test/support/s3.ts), storing its objects on the same disk as the local target. Reports the median
 * of the rounds, the bytes, the ratio S3 / local, and as the reference of what S3 itself costs here the
 * bare SDK's PutObject/GetObject of the same files in the same run.
 *
 * Run: npm run build && node --expose-gc dist/bench/s3-checkpoints.js [--mb 200] [--rounds 3]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readTaskSnapshot } from "../src/runtime/checkpoint/task-state.js";
import { joinUri } from "../src/fs/file-system.js";
import { configureFileSystems, fileSystemFor } from "../src/fs/file-systems.js";
import { loadCheckpoint, writeMetadata } from "../src/cluster/jobmaster/checkpoint-storage.js";
import { GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import type { S3FileSystem } from "../src/fs/s3/s3-file-system.js";
import { startS3Server } from "../test/support/s3.js";
import { machine, median } from "./support.js";
import { metadataFor, stateFiles, SUBTASKS } from "./checkpoint-files.js";

const MB = 1024 * 1024;

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

interface Round {
  checkpointMs: number;
  restoreMs: number;
}

async function round(base: string, files: Uint8Array[], id: number): Promise<Round> {
  const dir = joinUri(base, `chk-${id}`);
  const fs = fileSystemFor(dir);
  const start = performance.now();
  await Promise.all(files.map((bytes, s) => fs.write(joinUri(dir, `v-${s}.state`), bytes)));
  await writeMetadata(dir, metadataFor(files, id));
  const checkpointMs = performance.now() - start;
  globalThis.gc?.();
  const restoreStart = performance.now();
  const { dir: loaded } = await loadCheckpoint(dir);
  await Promise.all(files.map((_, s) => readTaskSnapshot(joinUri(loaded, `v-${s}.state`))));
  const restoreMs = performance.now() - restoreStart;
  await fs.deleteRecursive(dir);
  return { checkpointMs, restoreMs };
}

/** The same bytes with the bare AWS SDK (PutObject, GetObject), as the reference of what S3 itself costs here. */
async function rawSdkRound(files: Uint8Array[], id: number): Promise<Round> {
  const fs = fileSystemFor("s3://bench/raw") as S3FileSystem;
  const key = (s: number): string => `raw/chk-${id}/v-${s}.state`;
  const start = performance.now();
  await Promise.all(files.map((bytes, s) => fs.client.send(new PutObjectCommand({ Bucket: "bench", Key: key(s), Body: bytes, ContentLength: bytes.byteLength }))));
  const checkpointMs = performance.now() - start;
  globalThis.gc?.();
  const restoreStart = performance.now();
  await Promise.all(files.map(async (_, s) => (await fs.client.send(new GetObjectCommand({ Bucket: "bench", Key: key(s) }))).Body!.transformToByteArray()));
  const restoreMs = performance.now() - restoreStart;
  await fs.deleteRecursive(`s3://bench/raw/chk-${id}`);
  return { checkpointMs, restoreMs };
}

async function main(): Promise<void> {
  const stateMb = Number(option("mb", "200"));
  const rounds = Number(option("rounds", "3"));
  console.log(`# checkpoint of ${stateMb} MB keyed state (${SUBTASKS} state files), s3:// vs local; ${machine()}`);
  const files = await stateFiles(stateMb * MB);
  const bytes = files.reduce((n, f) => n + f.byteLength, 0);
  const localDir = mkdtempSync(join(tmpdir(), "sluice-bench-s3-local-"));
  const server = await startS3Server({ buckets: ["bench"] });
  configureFileSystems({ ...server.config, "s3.upload.min.part.size": "8 mb" });
  try {
    const results: Record<string, Round[]> = { local: [], s3: [], raw: [] };
    for (let r = 0; r < rounds; r++) {
      // Alternating, so that neither target always runs on a warmer machine.
      results.local!.push(await round(localDir, files, r));
      results.s3!.push(await round("s3://bench/checkpoints", files, r));
      results.raw!.push(await rawSdkRound(files, r));
    }
    const local = { checkpoint: median(results.local!.map((x) => x.checkpointMs)), restore: median(results.local!.map((x) => x.restoreMs)) };
    const s3 = { checkpoint: median(results.s3!.map((x) => x.checkpointMs)), restore: median(results.s3!.map((x) => x.restoreMs)) };
    const raw = { checkpoint: median(results.raw!.map((x) => x.checkpointMs)), restore: median(results.raw!.map((x) => x.restoreMs)) };
    console.log(`state files: ${(bytes / MB).toFixed(1)} MB in ${SUBTASKS} files; ${rounds} rounds, medians`);
    console.log(`target  checkpoint (write 4 files + _metadata)  restore (check + read 4 files)`);
    console.log(`local   ${local.checkpoint.toFixed(0).padStart(8)} ms  ${((bytes / MB / local.checkpoint) * 1000).toFixed(0).padStart(5)} MB/s   ${local.restore.toFixed(0).padStart(8)} ms`);
    console.log(`s3      ${s3.checkpoint.toFixed(0).padStart(8)} ms  ${((bytes / MB / s3.checkpoint) * 1000).toFixed(0).padStart(5)} MB/s   ${s3.restore.toFixed(0).padStart(8)} ms`);
    console.log(`raw SDK ${raw.checkpoint.toFixed(0).padStart(8)} ms  ${((bytes / MB / raw.checkpoint) * 1000).toFixed(0).padStart(5)} MB/s   ${raw.restore.toFixed(0).padStart(8)} ms   (PutObject/GetObject of the 4 files only)`);
    console.log(`ratio s3/raw SDK: checkpoint ${(s3.checkpoint / raw.checkpoint).toFixed(2)}×, restore ${(s3.restore / raw.restore).toFixed(2)}×`);
    console.log(`ratio s3/local: checkpoint ${(s3.checkpoint / local.checkpoint).toFixed(2)}×, restore ${(s3.restore / local.restore).toFixed(2)}×`);
  } finally {
    await fileSystemFor("s3://bench/x").close();
    await server.stop();
    rmSync(localDir, { recursive: true, force: true });
  }
}

await main();
