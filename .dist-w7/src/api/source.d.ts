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
/**
 * A reader works through splits (ranges of a sequence, byte ranges of a file, …). Its position is
 * the list of what remains of its splits; on a restore at another parallelism these lists are
 * pooled and dealt out again, so each split must make sense on its own.
 */
export interface SourceReader<T, Split = unknown> {
    /** Emits at most a few records and says whether more are available right away. */
    pollNext(output: ReaderOutput<T>): InputStatus;
    /** Resolves when pollNext() may return records again after "nothing-available". */
    isAvailable(): Promise<void>;
    /** What remains of this reader's splits. Must be serializable (plain data). */
    snapshotState(): Split[];
    /** Replaces the reader's own splits with restored ones (possibly none, possibly several). */
    restoreState?(splits: Split[]): void;
    close?(): void | Promise<void>;
}
export interface Source<T, Split = unknown> {
    readonly boundedness: Boundedness;
    /** The largest parallelism the source supports (1 for non-parallel sources). */
    readonly maxParallelism?: number;
    createReader(ctx: SourceReaderContext): SourceReader<T, Split>;
}
