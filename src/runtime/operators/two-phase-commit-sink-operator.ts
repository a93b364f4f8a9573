/**
 * The runtime side of a TwoPhaseCommitSink (Flink's TwoPhaseCommitSinkFunction), the last piece of
 * exactly-once (docs/architecture.md, principle 7):
 *
 *  - records between two barriers go into one transaction;
 *  - at a barrier the transaction is pre-committed and a new one begins for the records after it;
 *    the pre-committed one is kept in operator state with the checkpoint's id;
 *  - when a checkpoint completes, every transaction pre-committed up to it is committed, oldest
 *    first (a checkpoint that was aborted leaves its transaction to the next completed one);
 *  - after a restart the writer commits what the restored checkpoint still lists (commit is
 *    idempotent) and aborts every other transaction of the subtasks it owns (two-phase-commit-recovery.ts);
 *  - at end of input (finish) nothing is committed: the task takes a final checkpoint (FLIP-147;
 *    docs/checkpoints.md, "The final checkpoint"), whose barrier pre-commits the last transaction
 *    (no new one begins after it) and whose completion commits it, like any other.
 *
 * Only a job that takes no checkpoints after tasks finish (batch mode, no checkpoint interval, or
 * `execution.checkpointing.checkpoints-after-tasks-finish: false`) commits its tail directly in
 * finish(), as Flink's sinks do in batch mode: there nothing else would ever commit it. The price
 * is Flink's without final checkpoints: a failure elsewhere after this subtask committed its tail
 * and before the job finished replays that tail (docs/exactly-once-sinks.md, "End of input").
 */
import type { TwoPhaseCommitContext, TwoPhaseCommitSink, TwoPhaseCommitWriter } from "../../api/sink.js";
import { ListStateDescriptor } from "../../api/state/state-descriptors.js";
import type { ListState } from "../../api/state/state.js";
import { recoveryPlan, type SubtaskTransactions } from "./two-phase-commit-recovery.js";
import { NO_TIMESTAMP } from "../network/record-batch-codec.js";
import { StreamOperator, type SnapshotOptions } from "./stream-operator.js";

/** Union list state: one entry per subtask (see two-phase-commit-recovery.ts for why union). */
export const TWO_PHASE_COMMIT_STATE = new ListStateDescriptor<SubtaskTransactions<unknown>>("two-phase-commit-transactions");

interface Pending {
  checkpointId: number;
  txn: unknown;
  /** Settles with preCommit; commit waits for it, so it never overtakes a slow PREPARE. */
  preCommitted: Promise<void>;
}

/** Pre-committed at end of input: sorts after every checkpoint. */
const END_OF_INPUT = Number.POSITIVE_INFINITY;

export class TwoPhaseCommitSinkOperator extends StreamOperator {
  private writer: TwoPhaseCommitWriter<unknown, unknown> | undefined;
  private state!: ListState<SubtaskTransactions<unknown>>;
  private restoredEntries: SubtaskTransactions<unknown>[] = [];
  private highestParallelism = 1;
  /** The open transaction; undefined before open() and once the final checkpoint's barrier pre-committed it. */
  private current: { txn: unknown } | undefined;
  /** finish() ran: no record comes any more, so the next barrier begins no new transaction. */
  private finished = false;
  private readonly pending: Pending[] = [];
  /** Savepoints pre-committed for whose completion has not been notified yet. */
  private readonly savepoints = new Set<number>();
  /** Commits run one after another, in checkpoint order. */
  private commits: Promise<void> = Promise.resolve();
  private failure: unknown;

  override initializeState(restored: boolean): void {
    this.state = this.ctx.operatorState!.getUnionListState(TWO_PHASE_COMMIT_STATE);
    this.restoredEntries = restored ? [...this.state.get()] : [];
  }

  override async open(): Promise<void> {
    const sink = this.ctx.fns.sink as TwoPhaseCommitSink<unknown, unknown>;
    const rc = this.ctx.runtimeContext;
    const context: TwoPhaseCommitContext = {
      jobId: rc.jobId,
      taskName: rc.taskName,
      subtaskIndex: rc.subtaskIndex,
      parallelism: rc.parallelism,
      maxParallelism: rc.maxParallelism,
      attemptNumber: rc.attemptNumber,
      globalJobParameters: rc.globalJobParameters,
      addAccumulator: rc.addAccumulator,
      getAccumulator: rc.getAccumulator,
      getIntCounter: rc.getIntCounter,
      getLongCounter: rc.getLongCounter,
      getDoubleCounter: rc.getDoubleCounter,
      getHistogram: rc.getHistogram,
      getMetricGroup: () => rc.getMetricGroup(),
      operatorUid: this.ctx.descriptor.uid,
      ...(this.ctx.reportConnectionRetry ? { reportConnectionRetry: this.ctx.reportConnectionRetry } : {}),
    };
    this.writer = await sink.createTransactionalWriter(context);
    // Recovery runs on every start, not only on restore: a run that failed before its first
    // checkpoint completed leaves transactions behind too.
    const plan = recoveryPlan(this.restoredEntries, rc.subtaskIndex, rc.parallelism);
    this.restoredEntries = [];
    this.highestParallelism = plan.highestParallelism;
    await this.writer.recover({ toCommit: plan.toCommit, ownedSubtasks: plan.ownedSubtasks });
    this.current = { txn: this.writer.beginTransaction({ afterCheckpoint: undefined }) };
  }

  processElement(value: unknown, timestamp: number): void {
    this.throwIfFailed();
    if (!this.current || this.finished) throw new Error("two-phase-commit sink received a record after end of input");
    this.writer!.write(this.current.txn, value, timestamp === NO_TIMESTAMP ? undefined : timestamp);
  }

  override snapshotState(checkpointId: number, options?: SnapshotOptions): void | Promise<void> {
    this.throwIfFailed();
    let async: Promise<void> | undefined;
    if (this.current) {
      const writer = this.writer!;
      const txn = this.current.txn;
      // Synchronous call: what it does before returning happens before the barrier moves on.
      const result = writer.preCommit(txn);
      const preCommitted = Promise.resolve(result);
      // A failed pre-commit loses the transaction's records: declining the checkpoint is not
      // enough, the task must fail and replay them from the last checkpoint.
      preCommitted.catch((e: unknown) => this.failTask(e));
      this.pending.push({ checkpointId, txn, preCommitted });
      if (options?.isSavepoint) this.savepoints.add(checkpointId);
      this.current = this.finished ? undefined : { txn: writer.beginTransaction({ afterCheckpoint: checkpointId }) };
      if (result instanceof Promise) async = preCommitted;
    }
    // A fresh entry each time: operator state is serialized later, after the pre-commits settle,
    // and must not see what happens to `pending` in between.
    const entry: SubtaskTransactions<unknown> = {
      subtask: this.ctx.runtimeContext.subtaskIndex,
      parallelism: this.highestParallelism,
      pending: this.pending.map((p) => ({ checkpointId: p.checkpointId, txn: structuredClone(p.txn) })),
    };
    this.state.update([entry]);
    if (!async) return undefined;
    // An asynchronous pre-commit may complete the handle (an upload id, the parts' ETags): the
    // checkpoint gets the handle as it is when the pre-commit settles, before the state is serialized.
    const last = entry.pending[entry.pending.length - 1]!;
    const settled = this.pending[this.pending.length - 1]!.txn;
    return async.then(() => void (last.txn = structuredClone(settled)));
  }

  override notifyCheckpointComplete(checkpointId: number): Promise<void> {
    // Failover restores from checkpoints only, so a savepoint's completion commits nothing.
    if (this.savepoints.delete(checkpointId)) return Promise.resolve();
    return this.enqueue(() => this.commitUpTo(checkpointId));
  }

  override notifyCheckpointAborted(checkpointId: number): void {
    // Its transaction stays pending: the next completed checkpoint covers its records and commits it.
    this.savepoints.delete(checkpointId);
  }

  override get isBackpressured(): boolean {
    return this.writer?.isBackpressured === true;
  }

  override whenNotBackpressured(): Promise<void> {
    return this.writer?.whenNotBackpressured?.() ?? Promise.resolve();
  }

  override async finish(): Promise<void> {
    if (this.ctx.finalCheckpoint) {
      // The final checkpoint's barrier pre-commits the open transaction and its completion commits it.
      this.finished = true;
      return;
    }
    await this.enqueue(async () => {
      const current = this.current;
      this.current = undefined;
      if (current) {
        await this.writer!.preCommit(current.txn);
        this.pending.push({ checkpointId: END_OF_INPUT, txn: current.txn, preCommitted: Promise.resolve() });
      }
      await this.commitUpTo(END_OF_INPUT);
    });
  }

  override async close(): Promise<void> {
    const writer = this.writer;
    if (!writer) return;
    // Nothing may still be running against the target when the task reports it has stopped:
    // the next attempt's recovery must see the final state of every transaction.
    await Promise.allSettled([this.commits, ...this.pending.map((p) => p.preCommitted)]);
    const current = this.current;
    this.current = undefined;
    try {
      // Failure or cancellation: the open transaction's records belong to no checkpoint.
      if (current) await writer.abort(current.txn);
    } finally {
      await writer.close?.();
    }
  }

  private async commitUpTo(checkpointId: number): Promise<void> {
    const due = this.pending.filter((p) => p.checkpointId <= checkpointId);
    for (const p of due) {
      await p.preCommitted;
      await this.writer!.commit(p.txn);
      // Dropped only now: a snapshot taken while the commit ran still lists it, so a restore from
      // that snapshot commits it again (idempotently) instead of losing it.
      this.pending.splice(this.pending.indexOf(p), 1);
    }
  }

  /** Queues work behind earlier commits; after a failure nothing is committed any more. */
  private enqueue(work: () => Promise<void>): Promise<void> {
    const run = this.commits.then(() => {
      this.throwIfFailed();
      return work();
    });
    this.commits = run.catch((e: unknown) => {
      this.failure ??= e;
    });
    return run;
  }

  private throwIfFailed(): void {
    if (this.failure !== undefined) throw this.failure;
  }

  /** Fails the task from asynchronous work: a throwing timer callback fails it (processing-time-service.ts). */
  private failTask(e: unknown): void {
    this.failure ??= e;
    const time = this.ctx.processingTime;
    time.setTimer(time.now(), () => {
      throw e;
    });
  }
}
