/**
 * Data written piece by piece that becomes visible only when committed (Flink's
 * RecoverableWriter), on any file system: the file sink's two-phase-commit transactions.
 *
 *   open(target) → write…write → closeForCommit() → a Committable (plain JSON, kept in a checkpoint)
 *   commit(committable)   makes the target visible; idempotent, so it may run again after a restore
 *   abort(committable)    discards it; idempotent
 *   abandoned(dir, owns)  lists what was begun under `dir` and neither committed nor aborted (a
 *                         crash between open and commit), for the writer that owns it to abort
 *
 * On a local file system a pending file is a hidden file renamed at commit; on S3 it is a multipart
 * upload completed at commit, so no reader ever lists a partial object.
 */

/** What closeForCommit returns and commit takes: plain data (it is stored in checkpoints). */
export interface Committable {
  /** The final URI. */
  readonly target: string;
  /** The file system's own handle (a pending file's path, an upload id with its parts). */
  readonly [detail: string]: unknown;
}

export interface RecoverableOutput {
  /** Appends bytes; they may be buffered and uploaded in the background. */
  write(bytes: Uint8Array): void;
  /** Bytes written so far. */
  readonly position: number;
  /** True while more data should not be written until whenWritable() resolves (uploads in flight). */
  readonly isBackpressured: boolean;
  whenWritable(): Promise<void>;
  /** Makes everything durable but invisible; the committable commits or aborts it, also after a crash. */
  closeForCommit(): Promise<Committable>;
  /** Discards what was written. */
  abort(): Promise<void>;
}

export interface RecoverableWriter {
  /** Starts a file that will appear as `target` when committed. */
  /** Synchronous, because sinks open files as records come; remote work starts in the background. */
  open(target: string): RecoverableOutput;
  commit(committable: Committable): Promise<void>;
  abort(committable: Committable): Promise<void>;
  /**
   * Everything begun under `dirUri` and neither committed nor aborted (pending or in-progress),
   * as committables that `abort` removes. `targetFilter` picks those of targets the caller owns.
   */
  abandoned(dirUri: string, targetFilter: (targetName: string) => boolean): Promise<Committable[]>;
}
