/**
 * The source contract (in the spirit of Flink's FLIP-27 sources, without the split enumerator):
 * a Source creates one reader per parallel subtask; the reader is polled by the task's loop, so a
 * source never owns a thread and never blocks checkpoints or cancellation.
 */
export type Boundedness = "bounded" | "unbounded";

/** What pollNext() says about the reader after it returns. */
export type InputStatus = "more" | "nothing-available" | "end-of-input";

export interface ReaderOutput<T> {
  collect(value: T, timestamp?: number): void;
}

export interface SourceReaderContext {
  readonly subtaskIndex: number;
  readonly parallelism: number;
}

export interface SourceReader<T, Position = unknown> {
  /** Emits at most a few records and says whether more are available right away. */
  pollNext(output: ReaderOutput<T>): InputStatus;
  /** Resolves when pollNext() may return records again after "nothing-available". */
  isAvailable(): Promise<void>;
  /** The reader's position, to resume from after a failure. Must be structured-cloneable. */
  snapshotState(): Position;
  restoreState?(position: Position): void;
  close?(): void | Promise<void>;
}

export interface Source<T, Position = unknown> {
  readonly boundedness: Boundedness;
  /** The largest parallelism the source supports (1 for non-parallel sources). */
  readonly maxParallelism?: number;
  createReader(ctx: SourceReaderContext): SourceReader<T, Position>;
}
