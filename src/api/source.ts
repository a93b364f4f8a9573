/**
 * The source contract, Flink's FLIP-27 (docs/architecture.md, "Sources and split enumerators";
 * docs/connectors.md). A Source creates one reader per parallel subtask; the reader is polled by the
 * task's loop, so a source never owns a thread and never blocks checkpoints or cancellation.
 *
 * A source may also create a SplitEnumerator. It runs in the JobMaster, once per source operator
 * (Flink's SplitEnumerator inside its OperatorCoordinator): it discovers splits, hands them to
 * readers, takes back the splits of a failed reader, and its state is part of every checkpoint and
 * savepoint. A source without an enumerator keeps the simpler model: each reader computes its own
 * splits from its subtask index.
 */
import type { OutputTag } from "./output-tag.js";
import type { SourceReaderMetricGroup } from "./metrics.js";

export type Boundedness = "bounded" | "unbounded";

/** What pollNext() says about the reader after it returns. */
export type InputStatus = "more" | "nothing-available" | "end-of-input";

/** Where a reader emits records (Flink's SourceOutput): the reader's main output, or one split's. */
export interface SourceOutput<T> {
  collect(value: T, timestamp?: number): void;
  /** A record for a side output of the source (e.g. the dead letters of a bad-message policy). */
  collectSideOutput?<X>(tag: OutputTag<X>, value: X, timestamp?: number): void;
}

/**
 * The output pollNext() gets. A reader of several splits emits each split's records through
 * createOutputForSplit(splitId): each split output has a watermark generator of its own, and the
 * reader's watermark is the minimum over its splits that are not idle, so a split far ahead in event
 * time does not make a slower split's events late (Flink's split-aware watermarks; docs/architecture.md,
 * "Watermarks per split"). Records on the main output go through one more generator; do not mix the two
 * for one split.
 */
export interface ReaderOutput<T> extends SourceOutput<T> {
  /** The output of a split (the same object for the same id until it is released). */
  createOutputForSplit(splitId: string): SourceOutput<T>;
  /** The split is finished or gone: its watermark no longer holds the reader's back. */
  releaseOutputForSplit(splitId: string): void;
}

export interface SourceReaderContext {
  readonly subtaskIndex: number;
  readonly parallelism: number;
  /** Set for sources with an enumerator: ask it for a split (Flink's sendSplitRequest()). */
  sendSplitRequest?(): void;
  /** Set for sources with an enumerator: a custom event to the enumerator. */
  sendSourceEventToCoordinator?(event: unknown): void;
  /** The reader's metrics (numBytesIn, numRecordsInErrors, pendingRecords, …). */
  readonly metricGroup?: SourceReaderMetricGroup;
  /**
   * A connection attempt failed and the connector will retry (a server down at start): the error goes
   * to the job's exception history as a non-fatal entry, so REST and the dashboard show every attempt
   * (docs/connectors.md, "Server down at start"). Not for failures: throw those.
   */
  reportConnectionRetry?(error: unknown): void;
}

/**
 * A reader works through splits (a stream of Redis, a subject of NATS, a range of a sequence, a byte
 * range of a file, …). Its position is the list of what remains of its splits; on a restore at
 * another parallelism these lists are pooled and dealt out again, so each split must make sense on
 * its own. Splits are plain data (they travel through RPC and checkpoints).
 */
export interface SourceReader<T, Split = unknown> {
  /**
   * Called once after the reader's restored splits are in place, before the first pollNext() (Flink's
   * SourceReader.start()). A connector connects here: the subtask is INITIALIZING until it resolves, so
   * a server down at start shows as INITIALIZING in the job's status while the connector retries. A
   * rejection fails the task.
   */
  start?(): void | Promise<void>;
  /** Emits at most a few records and says whether more are available right away. */
  pollNext(output: ReaderOutput<T>): InputStatus;
  /** Resolves when pollNext() may return records again after "nothing-available". */
  isAvailable(): Promise<void>;
  /** What remains of this reader's splits at this checkpoint. Must be serializable (plain data). */
  snapshotState(checkpointId?: number): Split[];
  /** Replaces the reader's own splits with restored ones (possibly none, possibly several). */
  restoreState?(splits: Split[]): void;
  /** Splits assigned by the enumerator at run time. */
  addSplits?(splits: Split[]): void;
  /** The enumerator will assign no more splits: a bounded reader ends when its splits are done. */
  notifyNoMoreSplits?(): void;
  /** A custom event from the enumerator. */
  handleSourceEvent?(event: unknown): void;
  /**
   * Watermark alignment per split (Flink's SourceReader.pauseOrResumeSplits; docs/architecture.md,
   * "Watermark alignment"): the splits in `toPause` are ahead of their alignment group's limit, so the
   * reader stops fetching and emitting them until they come in `toResume`; the others go on. Only
   * changes are passed (a split is paused once, resumed once). Nothing of a paused split may be lost
   * or reordered: what was fetched before the pause is emitted after the resume. Called between two
   * pollNext() calls; a reader that resumes a split makes isAvailable() resolve. Only readers that
   * emit through split outputs (createOutputForSplit) are asked. A reader with split outputs but
   * without this method is paused as a whole, when its combined watermark (the minimum over its
   * splits) is ahead of the limit: a split far ahead of a slower split of the same reader is then not
   * held back (Flink refuses such a reader unless
   * pipeline.watermark-alignment.allow-unaligned-source-splits is set; Sluice always allows it).
   */
  pauseOrResumeSplits?(toPause: string[], toResume: string[]): void;
  /**
   * The checkpoint has completed on every task: data up to it is safe, so acknowledge it upstream
   * (XACK, a durable consumer's ack, a replication slot's flush LSN). Never earlier. Not called for
   * savepoints: failover restores checkpoints only, so what a savepoint covers is not safe yet.
   */
  notifyCheckpointComplete?(checkpointId: number): void | Promise<void>;
  notifyCheckpointAborted?(checkpointId: number): void;
  close?(): void | Promise<void>;
}

/** What the enumerator knows of one registered reader. */
export interface ReaderInfo {
  readonly subtaskIndex: number;
  readonly location: string;
}

export interface SplitEnumeratorContext<Split> {
  /** The parallelism of the source operator. */
  readonly currentParallelism: number;
  /** Readers that have registered since the last (re)start, by subtask index. */
  registeredReaders(): ReadonlyMap<number, ReaderInfo>;
  /** Hands splits to readers (subtask index → splits). A split goes to one reader at a time. */
  assignSplits(assignment: ReadonlyMap<number, readonly Split[]>): void;
  assignSplit(split: Split, subtaskIndex: number): void;
  /** Tells a reader no more splits will come. */
  signalNoMoreSplits(subtaskIndex: number): void;
  sendEventToSourceReader(subtaskIndex: number, event: unknown): void;
  /**
   * Runs `work` off the enumerator's turn (once, or every periodMs), then `handler` with its result
   * on the enumerator's turn: how periodic split discovery is done (Flink's callAsync). Stopped when
   * the enumerator closes.
   */
  callAsync<R>(work: () => Promise<R>, handler: (result: R | undefined, error?: unknown) => void, initialDelayMs?: number, periodMs?: number): void;
  /** The enumerator cannot go on (e.g. the stream vanished): fails the job through its restart strategy. */
  failJob(cause: unknown): void;
}

export interface SplitEnumerator<Split, EnumState> {
  start(): void | Promise<void>;
  /** A reader asked for a split (it called sendSplitRequest()). */
  handleSplitRequest(subtaskIndex: number, requesterLocation?: string): void;
  /** Splits a reader had since the last completed checkpoint, back after that reader failed. */
  addSplitsBack(splits: Split[], subtaskIndex: number): void;
  /** A reader has registered (at start, or after its restart). */
  addReader(subtaskIndex: number): void;
  /** The enumerator's state (assigned and pending splits, discovery state). Plain data. */
  snapshotState(checkpointId: number): EnumState;
  /** As SourceReader.notifyCheckpointComplete: after the checkpoint completed everywhere; not for savepoints. */
  notifyCheckpointComplete?(checkpointId: number): void | Promise<void>;
  /** A checkpoint was declined or expired (its state is discarded). */
  notifyCheckpointAborted?(checkpointId: number): void;
  handleSourceEvent?(subtaskIndex: number, event: unknown): void;
  close?(): void | Promise<void>;
}

export interface Source<T, Split = unknown, EnumState = unknown> {
  readonly boundedness: Boundedness;
  /** The largest parallelism the source supports (1 for non-parallel sources). */
  readonly maxParallelism?: number;
  createReader(ctx: SourceReaderContext): SourceReader<T, Split>;
  /** Sources with split discovery and assignment in the JobMaster implement both. */
  createEnumerator?(ctx: SplitEnumeratorContext<Split>): SplitEnumerator<Split, EnumState>;
  restoreEnumerator?(ctx: SplitEnumeratorContext<Split>, state: EnumState): SplitEnumerator<Split, EnumState>;
}
