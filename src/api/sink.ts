import type { RuntimeContext } from "./runtime-context.js";

/** A sink writes the records of one parallel subtask. */
export interface SinkWriter<T> {
  /** Synchronous by design: the task processes records in synchronous batches (use async I/O for remote calls). */
  write: (value: T, timestamp: number | undefined) => void;
  /** Called at end of input and before a checkpoint: everything written so far must be durable or staged. */
  flush?(endOfInput: boolean): void | Promise<void>;
  close?(): void | Promise<void>;
}

export interface Sink<T> {
  createWriter(ctx: RuntimeContext): SinkWriter<T> | Promise<SinkWriter<T>>;
}

// ---- exactly-once sinks: two-phase commit (docs/architecture.md, principle 7) --------------------------------

/** What a two-phase-commit writer learns about the subtask it writes for. */
export interface TwoPhaseCommitContext extends RuntimeContext {
  /**
   * The sink operator's uid: unique in the job and stable across restarts and savepoints, so it
   * can name the sink's transactions apart from other sinks' (e.g. in a global transaction id).
   */
  readonly operatorUid: string;
  /**
   * A connector that retries its server at start reports each failed attempt here: the task stays
   * INITIALIZING while the writer connects, and every attempt shows in the job's exception history as a
   * non-fatal entry (docs/connectors.md, "Server down at start").
   */
  reportConnectionRetry?(error: unknown): void;
}

/** Where a new transaction starts in the stream. */
export interface TransactionInfo {
  /** The checkpoint whose barrier began this transaction; undefined for the first transaction of a run. */
  readonly afterCheckpoint: number | undefined;
}

/** What a restarted writer must settle before its first transaction. */
export interface RecoveryRequest<Txn> {
  /**
   * Transactions the restored checkpoint pre-committed. Commit them: their commit may or may not
   * have happened before the failure, so commit must be idempotent.
   */
  readonly toCommit: readonly Txn[];
  /**
   * Subtask indexes whose leftovers this subtask must abort: every transaction of theirs that is
   * not in `toCommit` (begun, or pre-committed for a checkpoint that never completed). Always this
   * subtask's own index; after a restore at a lower parallelism also those of vanished subtasks.
   */
  readonly ownedSubtasks: readonly number[];
}

/**
 * One parallel subtask's side of a two-phase-commit sink (Flink's TwoPhaseCommitSinkFunction).
 * Records between two checkpoint barriers go into one transaction: `preCommit` when the barrier
 * passes (durable, still invisible), `commit` when that checkpoint completes everywhere.
 *
 * A transaction handle (`Txn`) is stored in checkpoints, so it must be plain data that v8's
 * serializer keeps (no functions, sockets or class instances). `write` and `preCommit` may still
 * update the handle in place; the runtime copies it after `preCommit` returns (or, when it returns a
 * promise, when that settles: an asynchronous pre-commit may complete the handle, e.g. with an upload id).
 */
export interface TwoPhaseCommitWriter<T, Txn> {
  /** Runs once, before the first transaction, on every start (fresh or restored). */
  recover(request: RecoveryRequest<Txn>): void | Promise<void>;
  /** Synchronous because records after the barrier follow at once; start remote work lazily. */
  beginTransaction(info: TransactionInfo): Txn;
  write(txn: Txn, value: T, timestamp: number | undefined): void;
  /**
   * Makes the transaction durable but invisible. Called synchronously at the barrier; a returned
   * promise delays the checkpoint's acknowledgement, and its failure fails the task (the records
   * would otherwise be lost).
   */
  preCommit(txn: Txn): void | Promise<void>;
  /** Makes a pre-committed transaction visible. Idempotent: it may run again after a restore. */
  commit(txn: Txn): void | Promise<void>;
  /** Discards a transaction, open or pre-committed. Idempotent. */
  abort(txn: Txn): void | Promise<void>;
  /** Flow control: while true the task stops reading input until whenNotBackpressured() resolves. */
  readonly isBackpressured?: boolean;
  whenNotBackpressured?(): Promise<void>;
  /** Releases resources. Pre-committed transactions stay: recovery decides their fate. */
  close?(): void | Promise<void>;
}

/** A sink whose output becomes visible exactly once, when checkpoints complete. Use with `sinkTo`. */
export interface TwoPhaseCommitSink<T, Txn> {
  createTransactionalWriter(ctx: TwoPhaseCommitContext): TwoPhaseCommitWriter<T, Txn> | Promise<TwoPhaseCommitWriter<T, Txn>>;
}

/** Tells the two kinds of sinks apart (sinkTo picks the runtime operator by it). */
export function isTwoPhaseCommitSink<T>(sink: Sink<T> | TwoPhaseCommitSink<T, unknown>): sink is TwoPhaseCommitSink<T, unknown> {
  return typeof (sink as Partial<TwoPhaseCommitSink<T, unknown>>).createTransactionalWriter === "function";
}
