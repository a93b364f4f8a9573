/**
 * An exactly-once file sink on the two-phase-commit base (Flink's FileSink in row format with
 * roll-on-checkpoint), on any file system (docs/architecture.md, "File systems"): each transaction
 * is one part file per subtask, written through the file system's RecoverableWriter — on a local
 * disk an in-progress file closed as pending at the barrier and renamed at commit; on S3 a multipart
 * upload whose upload id is the pre-committed transaction, completed at commit (part-file-names.ts).
 * A transaction without records creates no file.
 *
 * Every file of one sink lives directly in its directory; two sinks must not share a directory,
 * because part file names only carry the subtask and a sequence number.
 */
import type { RecoveryRequest, TwoPhaseCommitContext, TwoPhaseCommitSink, TwoPhaseCommitWriter } from "../../api/sink.js";
import { baseName, joinUri, type FileSystem } from "../../fs/file-system.js";
import { fileSystemFor, storageLocation } from "../../fs/file-systems.js";
import type { Committable, RecoverableOutput } from "../../fs/recoverable-writer.js";
import { parsePartFileName, partFileName } from "./part-file-names.js";

/** Turns a record into the bytes written for it (include the line separator if you want lines). */
export type RowEncoder<T> = (value: T) => string | Uint8Array;

/** A transaction of the file sink: the part file it writes, once it has a record. */
export interface FileTransaction {
  subtask: number;
  /** Assigned with the first record; null while (and if) the transaction stays empty. */
  part: number | null;
  /** Set by preCommit: what commits or aborts the part file, also after a restore. */
  committable?: Committable;
}

/** Strings as they are, anything else as JSON; one line per record. */
export function defaultRowEncoder(value: unknown): string {
  const text = typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
  return `${text}\n`;
}

export class FileSink<T> implements TwoPhaseCommitSink<T, FileTransaction> {
  private constructor(
    readonly dir: string,
    private readonly encoder: RowEncoder<T>,
  ) {}

  /** Rows encoded one by one into part files under `dir` (a path, file:// or s3:// URI; default encoder: defaultRowEncoder). */
  static forRowFormat<T>(dir: string, encoder: RowEncoder<T> = defaultRowEncoder): FileSink<T> {
    if (!dir) throw new Error("FileSink needs a directory");
    return new FileSink<T>(dir, encoder);
  }

  createTransactionalWriter(ctx: TwoPhaseCommitContext): TwoPhaseCommitWriter<T, FileTransaction> {
    // Resolved in the task (its worker has the TaskManager's file system settings).
    const dir = storageLocation(this.dir);
    return new FileSinkWriter<T>(fileSystemFor(dir), dir, ctx.subtaskIndex, this.encoder);
  }
}

interface OpenPartFile {
  txn: FileTransaction;
  output: RecoverableOutput;
}

class FileSinkWriter<T> implements TwoPhaseCommitWriter<T, FileTransaction> {
  private nextPart = 0;
  private file: OpenPartFile | undefined;

  constructor(
    private readonly fs: FileSystem,
    private readonly dir: string,
    private readonly subtask: number,
    private readonly encoder: RowEncoder<T>,
  ) {}

  get isBackpressured(): boolean {
    return this.file?.output.isBackpressured ?? false;
  }

  async whenNotBackpressured(): Promise<void> {
    await this.file?.output.whenWritable();
  }

  async recover({ toCommit, ownedSubtasks }: RecoveryRequest<FileTransaction>): Promise<void> {
    for (const txn of toCommit) await this.commit(txn);
    const owned = new Set(ownedSubtasks);
    const writer = this.fs.recoverableWriter();
    // Begun or pre-committed files that no completed checkpoint named: records the replay writes again.
    const leftovers = await writer.abandoned(this.dir, (name) => {
      const part = parsePartFileName(name);
      return part !== undefined && part.state === "committed" && owned.has(part.subtask);
    });
    for (const c of leftovers) await writer.abort(c);
    // Numbering goes on after the committed files, so a commit never replaces one.
    for (const f of await this.fs.list(this.dir)) {
      const part = parsePartFileName(baseName(f.uri));
      if (part?.state === "committed" && part.subtask === this.subtask && f.uri === joinUri(this.dir, baseName(f.uri))) this.nextPart = Math.max(this.nextPart, part.part + 1);
    }
  }

  beginTransaction(): FileTransaction {
    return { subtask: this.subtask, part: null };
  }

  write(txn: FileTransaction, value: T): void {
    const file = this.file?.txn === txn ? this.file : this.openPartFile(txn);
    const encoded = this.encoder(value);
    file.output.write(typeof encoded === "string" ? Buffer.from(encoded) : encoded);
  }

  async preCommit(txn: FileTransaction): Promise<void> {
    if (txn.part === null) return;
    const file = this.file;
    if (!file || file.txn.part !== txn.part) throw new Error(`part file ${txn.part} of subtask ${txn.subtask} is not open`);
    this.file = undefined;
    txn.committable = await file.output.closeForCommit();
  }

  async commit(txn: FileTransaction): Promise<void> {
    if (txn.part === null) return;
    await this.fs.recoverableWriter().commit(txn.committable ?? this.legacyCommittable(txn));
  }

  async abort(txn: FileTransaction): Promise<void> {
    if (txn.part === null) return;
    if (this.file && this.file.txn.part === txn.part && this.file.txn.subtask === txn.subtask) {
      const { output } = this.file;
      this.file = undefined;
      await output.abort();
    }
    if (txn.committable) await this.fs.recoverableWriter().abort(txn.committable);
  }

  async close(): Promise<void> {
    // An open part file was never pre-committed: nothing can commit it, so it goes now (or, if
    // this fails, at the next start's recovery).
    const output = this.file?.output;
    this.file = undefined;
    await output?.abort().catch(() => {});
  }

  /** Checkpoints from before the file systems (local only) kept no committable: the pending file's name is it. */
  private legacyCommittable(txn: FileTransaction): Committable {
    if (this.fs.scheme !== "file") throw new Error(`part file ${txn.part} of subtask ${txn.subtask} was never pre-committed`);
    return { target: joinUri(this.dir, partFileName(txn.subtask, txn.part!, "committed")), pending: joinUri(this.dir, partFileName(txn.subtask, txn.part!, "pending")) };
  }

  private openPartFile(txn: FileTransaction): OpenPartFile {
    if (this.file) throw new Error(`part file ${this.file.txn.part} is still open: one transaction at a time`);
    if (txn.part !== null) throw new Error(`part file ${txn.part} of subtask ${txn.subtask} was already closed`);
    txn.part = this.nextPart++;
    const output = this.fs.recoverableWriter().open(joinUri(this.dir, partFileName(txn.subtask, txn.part, "committed")));
    this.file = { txn, output };
    return this.file;
  }
}
