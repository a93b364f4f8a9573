/**
 * Checkpoint storage on any file system (docs/architecture.md, "State and checkpoints" and "File
 * systems"): `<dir>/<job-id>/chk-<n>/_metadata` next to the tasks' state files, with the job-level
 * `shared/` and `taskowned/` folders Flink has (created on local disks; object stores have no
 * folders). `<dir>` is a path, a file:// or an s3:// URI. Savepoints are self-contained folders; all
 * paths inside `_metadata` are relative to it, so a savepoint (or a retained checkpoint) still loads
 * after its folder has been moved — also from a local disk to S3 or back.
 */
import { mkdirSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { SluiceError, registerErrorClass } from "../../errors/sluice-error.js";
import { METADATA_FILE, type CheckpointMetadata, type TaskRestore } from "../../runtime/checkpoint/checkpoint-metadata.js";
import { baseName, FileNotFoundError, joinUri, parentUri } from "../../fs/file-system.js";
import { fileSystemFor, storageLocation } from "../../fs/file-systems.js";

export class CheckpointStorageError extends SluiceError {}
registerErrorClass(CheckpointStorageError);

export function jobCheckpointDir(base: string, jobId: string): string {
  return joinUri(storageLocation(base), jobId);
}

/** The folder of checkpoint `id`; on a local disk also creates `<base>/<job-id>/{shared,taskowned}`. */
export function checkpointDir(base: string, jobId: string, id: number): string {
  const job = jobCheckpointDir(base, jobId);
  if (fileSystemFor(job).scheme === "file") for (const sub of ["shared", "taskowned"]) mkdirSync(joinUri(job, sub), { recursive: true });
  return joinUri(job, `chk-${id}`);
}

export function newSavepointDir(base: string, jobId: string): string {
  return joinUri(storageLocation(base), `savepoint-${jobId.slice(0, 6)}-${randomBytes(6).toString("hex")}`);
}

/** Writes `_metadata` whole (readers never see part of it); returns its URI. */
export async function writeMetadata(dir: string, metadata: CheckpointMetadata): Promise<string> {
  const uri = joinUri(dir, METADATA_FILE);
  await fileSystemFor(uri).write(uri, Buffer.from(JSON.stringify(metadata, null, 1)));
  return uri;
}

/** Accepts a checkpoint/savepoint folder or its `_metadata` file. */
export function metadataPathOf(path: string): string {
  const location = storageLocation(path);
  return baseName(location) === METADATA_FILE ? location : joinUri(location, METADATA_FILE);
}

/**
 * Reads and checks a checkpoint: the metadata parses and every state file it names exists with the
 * recorded size (one listing of the folder, which on S3 is one request instead of one per file).
 * Throws CheckpointStorageError naming what is wrong.
 */
export async function loadCheckpoint(path: string): Promise<{ metadata: CheckpointMetadata; dir: string }> {
  const file = metadataPathOf(path);
  const fs = fileSystemFor(file);
  const metadata = await readMetadata(file);
  const dir = parentUri(file);
  const sizes = new Map((await fs.list(dir)).map((f) => [f.uri, f.size]));
  for (const [uid, op] of Object.entries(metadata.operators)) {
    for (const s of op.subtasks) {
      if (s.file === "" && s.finished === true) continue; // ended before the checkpoint: no state file
      if (s.file.startsWith("/") || s.file.split("/").some((p) => p === ".." || p === "." || p === "")) {
        throw new CheckpointStorageError(`state file ${s.file} of operator ${uid} points outside the checkpoint`);
      }
      const size = sizes.get(joinUri(dir, s.file));
      if (size === undefined) throw new CheckpointStorageError(`state file ${s.file} of operator ${uid} (subtask ${s.subtask}) is missing in ${dir}`);
      if (size !== s.bytes) throw new CheckpointStorageError(`state file ${s.file} has ${size} bytes, the checkpoint recorded ${s.bytes}: it is damaged`);
    }
  }
  if (metadata.sharedFiles && metadata.sharedFiles.length > 0) {
    // The state changelog's files, in the job's shared/ folder beside this checkpoint's.
    const jobDir = parentUri(dir);
    const shared = new Map((await fs.list(joinUri(jobDir, "shared"))).map((f) => [f.uri, f.size]));
    for (const s of metadata.sharedFiles) {
      const size = shared.get(joinUri(jobDir, s.file));
      if (size === undefined) throw new CheckpointStorageError(`shared state file ${s.file} of checkpoint ${metadata.checkpointId} is missing in ${jobDir}`);
      if (size !== s.bytes) throw new CheckpointStorageError(`shared state file ${s.file} has ${size} bytes, the checkpoint recorded ${s.bytes}: it is damaged`);
    }
  }
  return { metadata, dir };
}

/** Reads and parses a `_metadata` file (the checkpoint's own files are not checked: loadCheckpoint does that). */
export async function readMetadata(path: string): Promise<CheckpointMetadata> {
  const file = metadataPathOf(path);
  let metadata: CheckpointMetadata;
  try {
    metadata = JSON.parse((await fileSystemFor(file).read(file)).toString("utf8")) as CheckpointMetadata;
  } catch (e) {
    throw new CheckpointStorageError(`cannot read checkpoint metadata ${file}: ${(e as Error).message}`, { cause: e });
  }
  if (metadata?.version !== 1 || typeof metadata.operators !== "object") {
    throw new CheckpointStorageError(`${file} is not a Sluice checkpoint or savepoint`);
  }
  return metadata;
}

/** Deletes one of the state changelog's shared files of a job; best effort, like discardCheckpoint. */
export function discardSharedFile(jobDir: string, file: string): Promise<void> {
  const uri = joinUri(jobDir, file);
  return Promise.resolve()
    .then(() => fileSystemFor(uri).delete(uri))
    .catch(() => {});
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
  return Promise.resolve()
    .then(() => fileSystemFor(dir).deleteRecursive(dir))
    .catch(() => {});
}

/** Deletes a savepoint folder after checking it is one (sluice savepoint --dispose). */
export async function disposeSavepoint(path: string): Promise<void> {
  const file = metadataPathOf(path);
  const fs = fileSystemFor(file);
  if (!(await fs.stat(file))) throw new CheckpointStorageError(`${path} is not a savepoint (no ${METADATA_FILE})`, { cause: new FileNotFoundError(file) });
  await fs.deleteRecursive(parentUri(file));
}
