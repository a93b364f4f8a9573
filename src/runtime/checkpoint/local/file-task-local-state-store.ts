/**
 * Local copies on the TaskManager's disk: `<task dir>/chk_<id>/state`, one file per checkpoint whose
 * header names the copied state file's URI (then the state file's bytes as written remotely, with their
 * SHA-256). A copy is written under a temporary name and renamed, so a reader never sees part of one; it
 * is not synced — a copy lost in a machine crash costs a remote read, not correctness.
 */
import { mkdir, open, readdir, readFile, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import type { TaskLocalStateStore } from "./task-local-state-store.js";

const COPY = "state";
const CHECKPOINT_DIR = /^chk_(\d+)$/;
const HEADER_LENGTH_BYTES = 4;

export class FileTaskLocalStateStore implements TaskLocalStateStore {
  constructor(
    /** This task's folder (TaskManagerLocalState.taskDir). */
    readonly location: string,
  ) {}

  private checkpointDir(checkpointId: number): string {
    return join(this.location, `chk_${checkpointId}`);
  }

  async store(checkpointId: number, sourceUri: string, bytes: Uint8Array): Promise<void> {
    const dir = this.checkpointDir(checkpointId);
    await mkdir(dir, { recursive: true });
    const source = Buffer.from(sourceUri, "utf8");
    const length = Buffer.alloc(HEADER_LENGTH_BYTES);
    length.writeUInt32BE(source.length);
    const tmp = join(dir, `.${COPY}.${randomBytes(4).toString("hex")}.tmp`);
    const handle = await open(tmp, "wx");
    try {
      // Gathered, not concatenated: the state file may be a gigabyte.
      await handle.writev([length, source, bytes]);
    } finally {
      await handle.close();
    }
    await rename(tmp, join(dir, COPY));
  }

  async retrieve(checkpointId: number, sourceUri: string): Promise<Buffer | undefined> {
    let file: Buffer;
    try {
      file = await readFile(join(this.checkpointDir(checkpointId), COPY));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw e;
    }
    if (file.length < HEADER_LENGTH_BYTES) return undefined;
    const sourceEnd = HEADER_LENGTH_BYTES + file.readUInt32BE(0);
    if (sourceEnd > file.length || file.toString("utf8", HEADER_LENGTH_BYTES, sourceEnd) !== sourceUri) return undefined;
    return file.subarray(sourceEnd);
  }

  async confirm(checkpointId: number): Promise<void> {
    await Promise.all((await this.checkpoints()).filter((id) => id < checkpointId).map((id) => this.abort(id)));
  }

  async abort(checkpointId: number): Promise<void> {
    await rm(this.checkpointDir(checkpointId), { recursive: true, force: true });
  }

  async checkpoints(): Promise<number[]> {
    let entries: string[];
    try {
      entries = await readdir(this.location);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw e;
    }
    return entries
      .map((e) => CHECKPOINT_DIR.exec(e)?.[1])
      .filter((id): id is string => id !== undefined)
      .map(Number)
      .sort((a, b) => a - b);
  }
}
