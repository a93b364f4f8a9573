/**
 * Recoverable writes on a local file system (recoverable-writer.ts): `<dir>/.<name>.inprogress`
 * while written, synced and renamed to `<dir>/.<name>.pending` by closeForCommit, renamed to
 * `<dir>/<name>` by commit. Only committed files have names without a leading dot, so a reader that
 * ignores hidden files sees committed data only.
 *
 * Writes are synchronous on purpose: the sink's task thread writes as the records come, and no
 * other task shares the worker thread's work with it.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { baseName, FileSystemError, joinUri, parentUri } from "../file-system.js";
import type { Committable, RecoverableOutput, RecoverableWriter } from "../recoverable-writer.js";
import { localPath } from "./local-path.js";

const FLUSH_BYTES = 64 * 1024;
const STAGED = /^\.(.+)\.(inprogress|pending)$/;

interface LocalCommittable extends Committable {
  readonly pending: string;
}

function staged(target: string, state: "inprogress" | "pending"): string {
  return joinUri(parentUri(target), `.${baseName(target)}.${state}`);
}

export class LocalRecoverableWriter implements RecoverableWriter {
  open(target: string): RecoverableOutput {
    const path = localPath(staged(target, "inprogress"));
    mkdirSync(dirname(path), { recursive: true });
    // "wx": a name is never reused; recovery removed every earlier in-progress file of the writer.
    return new LocalOutput(target, path, openSync(path, "wx"));
  }

  async commit(committable: Committable): Promise<void> {
    const { target, pending } = committable as LocalCommittable;
    const from = localPath(pending);
    const to = localPath(target);
    if (existsSync(from)) {
      if (existsSync(to)) throw new FileSystemError(`cannot commit ${pending}: ${target} already exists`);
      renameSync(from, to);
      syncDirectorySync(dirname(to));
    } else if (!existsSync(to)) {
      // Neither name: the pre-committed data is gone, and pretending success would lose it.
      throw new FileSystemError(`cannot commit ${target}: its pending file ${pending} is missing`);
    }
  }

  async abort(committable: Committable): Promise<void> {
    rmSync(localPath(staged(committable.target, "inprogress")), { force: true });
    rmSync(localPath(staged(committable.target, "pending")), { force: true });
  }

  async abandoned(dirUri: string, targetFilter: (targetName: string) => boolean): Promise<Committable[]> {
    const dir = localPath(dirUri);
    if (!existsSync(dir)) return [];
    const out: LocalCommittable[] = [];
    for (const name of readdirSync(dir)) {
      const m = STAGED.exec(name);
      if (m && targetFilter(m[1]!)) out.push({ target: joinUri(dirUri, m[1]!), pending: joinUri(dirUri, name) });
    }
    return out;
  }
}

class LocalOutput implements RecoverableOutput {
  private chunks: Uint8Array[] = [];
  private buffered = 0;
  private written = 0;
  private closed = false;
  readonly isBackpressured = false;

  constructor(
    private readonly target: string,
    private readonly path: string,
    private readonly fd: number,
  ) {}

  get position(): number {
    return this.written + this.buffered;
  }

  write(bytes: Uint8Array): void {
    this.chunks.push(bytes);
    this.buffered += bytes.byteLength;
    if (this.buffered >= FLUSH_BYTES) this.flush();
  }

  whenWritable(): Promise<void> {
    return Promise.resolve();
  }

  async closeForCommit(): Promise<Committable> {
    this.flush();
    fsyncSync(this.fd);
    this.close();
    const pending = staged(this.target, "pending");
    renameSync(this.path, localPath(pending));
    syncDirectorySync(dirname(this.path));
    return { target: this.target, pending } satisfies LocalCommittable;
  }

  async abort(): Promise<void> {
    this.close();
    rmSync(this.path, { force: true });
  }

  private flush(): void {
    if (this.buffered === 0) return;
    const data = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
    let offset = 0;
    while (offset < data.byteLength) offset += writeSync(this.fd, data, offset);
    this.written += data.byteLength;
    this.chunks = [];
    this.buffered = 0;
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      closeSync(this.fd);
    } catch {
      // already closed
    }
  }
}

/** Makes renames and deletions in `dir` durable (POSIX: fsync of the directory). */
function syncDirectorySync(dir: string): void {
  const fd = openSync(dir, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

