/**
 * Checkpoint storage in a filesystem folder (docs/architecture.md, "State and checkpoints"): `<dir>/<job-id>/chk-<n>/_metadata`
 * next to the tasks' state files, with the job-level `shared/` and `taskowned/` folders Flink has.
 * Savepoints are self-contained folders; all paths inside `_metadata` are relative to it, so a
 * savepoint (or a retained checkpoint) still loads after its folder has been moved.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync, renameSync } from "node:fs";
import { rm } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import { dirname, join, resolve } from "node:path";
import { SluiceError, registerErrorClass } from "../../errors/sluice-error.js";
import { METADATA_FILE, type CheckpointMetadata, type TaskRestore } from "../../runtime/checkpoint/checkpoint-metadata.js";

export class CheckpointStorageError extends SluiceError {}
registerErrorClass(CheckpointStorageError);

export function jobCheckpointDir(base: string, jobId: string): string {
  return join(resolve(base), jobId);
}

/** Creates `<base>/<job-id>/{shared,taskowned}` and returns the folder of checkpoint `id`. */
export function checkpointDir(base: string, jobId: string, id: number): string {
  const job = jobCheckpointDir(base, jobId);
  for (const sub of ["shared", "taskowned"]) mkdirSync(join(job, sub), { recursive: true });
  return join(job, `chk-${id}`);
}

export function newSavepointDir(base: string, jobId: string): string {
  return join(resolve(base), `savepoint-${jobId.slice(0, 6)}-${randomBytes(6).toString("hex")}`);
}

export function writeMetadata(dir: string, metadata: CheckpointMetadata): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, METADATA_FILE);
  writeFileSync(`${path}.inprogress`, JSON.stringify(metadata, null, 1));
  renameSync(`${path}.inprogress`, path);
  return path;
}

/** Accepts a checkpoint/savepoint folder or its `_metadata` file. */
export function metadataPathOf(path: string): string {
  const p = resolve(path);
  return existsSync(p) && statSync(p).isDirectory() ? join(p, METADATA_FILE) : p;
}

/**
 * Reads and checks a checkpoint: the metadata parses and every state file it names exists with the
 * recorded size. Throws CheckpointStorageError naming what is wrong.
 */
export function loadCheckpoint(path: string): { metadata: CheckpointMetadata; dir: string } {
  const file = metadataPathOf(path);
  let metadata: CheckpointMetadata;
  try {
    metadata = JSON.parse(readFileSync(file, "utf8")) as CheckpointMetadata;
  } catch (e) {
    throw new CheckpointStorageError(`cannot read checkpoint metadata ${file}: ${(e as Error).message}`);
  }
  if (metadata?.version !== 1 || typeof metadata.operators !== "object") {
    throw new CheckpointStorageError(`${file} is not a Sluice checkpoint or savepoint`);
  }
  const dir = dirname(file);
  for (const [uid, op] of Object.entries(metadata.operators)) {
    for (const s of op.subtasks) {
      const stateFile = resolve(dir, s.file);
      if (!stateFile.startsWith(dir + "/")) throw new CheckpointStorageError(`state file ${s.file} of operator ${uid} points outside the checkpoint`);
      if (!existsSync(stateFile)) throw new CheckpointStorageError(`state file ${s.file} of operator ${uid} (subtask ${s.subtask}) is missing in ${dir}`);
      const size = statSync(stateFile).size;
      if (size !== s.bytes) throw new CheckpointStorageError(`state file ${s.file} has ${size} bytes, the checkpoint recorded ${s.bytes}: it is damaged`);
    }
  }
  return { metadata, dir };
}

export function taskRestoreOf(metadata: CheckpointMetadata, dir: string): TaskRestore {
  const restore: TaskRestore = { checkpointId: metadata.checkpointId, baseDir: dir, operators: metadata.operators };
  if (metadata.coordinators) restore.coordinators = metadata.coordinators;
  return restore;
}

/**
 * Best effort and in the background (never blocking the JobMaster): a task may still be writing
 * into an aborted checkpoint's folder; the job's cleanup gets what is left.
 */
export function discardCheckpoint(dir: string): Promise<void> {
  return rm(dir, { recursive: true, force: true, maxRetries: 3 }).catch(() => {});
}

/** Deletes a savepoint folder after checking it is one (sluice savepoint --dispose). */
export function disposeSavepoint(path: string): void {
  const file = metadataPathOf(path);
  if (!existsSync(file)) throw new CheckpointStorageError(`${path} is not a savepoint (no ${METADATA_FILE})`);
  rmSync(dirname(file), { recursive: true, force: true });
}
