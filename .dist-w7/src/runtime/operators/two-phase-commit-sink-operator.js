import { ListStateDescriptor } from "../../api/state/state-descriptors.js";
import { recoveryPlan } from "../../connectors/two-phase-commit/recovery-plan.js";
import { NO_TIMESTAMP } from "../network/record-batch-codec.js";
import { StreamOperator } from "./stream-operator.js";
/** Union list state: one entry per subtask (see recovery-plan.ts for why union). */
export const TWO_PHASE_COMMIT_STATE = new ListStateDescriptor("two-phase-commit-transactions");
/** Pre-committed at end of input: sorts after every checkpoint. */
const END_OF_INPUT = Number.POSITIVE_INFINITY;
export class TwoPhaseCommitSinkOperator extends StreamOperator {
    writer;
    state;
    restoredEntries = [];
    highestParallelism = 1;
    /** The open transaction; undefined before open() and after finish(). */
    current;
    pending = [];
    /** Savepoints pre-committed for whose completion has not been notified yet. */
    savepoints = new Set();
    /** Commits run one after another, in checkpoint order. */
    commits = Promise.resolve();
    failure;
    initializeState(restored) {
        this.state = this.ctx.operatorState.getUnionListState(TWO_PHASE_COMMIT_STATE);
        this.restoredEntries = restored ? [...this.state.get()] : [];
    }
    async open() {
        const sink = this.ctx.fns.sink;
        const rc = this.ctx.runtimeContext;
        const context = {
            jobId: rc.jobId,
            taskName: rc.taskName,
            subtaskIndex: rc.subtaskIndex,
            parallelism: rc.parallelism,
            maxParallelism: rc.maxParallelism,
            attemptNumber: rc.attemptNumber,
            operatorUid: this.ctx.descriptor.uid,
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
    processElement(value, timestamp) {
        this.throwIfFailed();
        if (!this.current)
            throw new Error("two-phase-commit sink received a record after end of input");
        this.writer.write(this.current.txn, value, timestamp === NO_TIMESTAMP ? undefined : timestamp);
    }
    snapshotState(checkpointId, options) {
        this.throwIfFailed();
        let async;
        if (this.current) {
            const writer = this.writer;
            const txn = this.current.txn;
            // Synchronous call: what it does before returning happens before the barrier moves on.
            const result = writer.preCommit(txn);
            const preCommitted = Promise.resolve(result);
            // A failed pre-commit loses the transaction's records: declining the checkpoint is not
            // enough, the task must fail and replay them from the last checkpoint.
            preCommitted.catch((e) => this.failTask(e));
            this.pending.push({ checkpointId, txn, preCommitted });
            if (options?.isSavepoint)
                this.savepoints.add(checkpointId);
            this.current = { txn: writer.beginTransaction({ afterCheckpoint: checkpointId }) };
            if (result instanceof Promise)
                async = preCommitted;
        }
        // A fresh entry each time: operator state is serialized later, after the pre-commits settle,
        // and must not see what happens to `pending` in between.
        this.state.update([
            {
                subtask: this.ctx.runtimeContext.subtaskIndex,
                parallelism: this.highestParallelism,
                pending: this.pending.map((p) => ({ checkpointId: p.checkpointId, txn: structuredClone(p.txn) })),
            },
        ]);
        return async;
    }
    notifyCheckpointComplete(checkpointId) {
        // Failover restores from checkpoints only, so a savepoint's completion commits nothing.
        if (this.savepoints.delete(checkpointId))
            return Promise.resolve();
        return this.enqueue(() => this.commitUpTo(checkpointId));
    }
    notifyCheckpointAborted(checkpointId) {
        // Its transaction stays pending: the next completed checkpoint covers its records and commits it.
        this.savepoints.delete(checkpointId);
    }
    get isBackpressured() {
        return this.writer?.isBackpressured === true;
    }
    whenNotBackpressured() {
        return this.writer?.whenNotBackpressured?.() ?? Promise.resolve();
    }
    async finish() {
        await this.enqueue(async () => {
            const current = this.current;
            this.current = undefined;
            if (current) {
                await this.writer.preCommit(current.txn);
                this.pending.push({ checkpointId: END_OF_INPUT, txn: current.txn, preCommitted: Promise.resolve() });
            }
            await this.commitUpTo(END_OF_INPUT);
        });
    }
    async close() {
        const writer = this.writer;
        if (!writer)
            return;
        // Nothing may still be running against the target when the task reports it has stopped:
        // the next attempt's recovery must see the final state of every transaction.
        await Promise.allSettled([this.commits, ...this.pending.map((p) => p.preCommitted)]);
        const current = this.current;
        this.current = undefined;
        try {
            // Failure or cancellation: the open transaction's records belong to no checkpoint.
            if (current)
                await writer.abort(current.txn);
        }
        finally {
            await writer.close?.();
        }
    }
    async commitUpTo(checkpointId) {
        const due = this.pending.filter((p) => p.checkpointId <= checkpointId);
        for (const p of due) {
            await p.preCommitted;
            await this.writer.commit(p.txn);
            // Dropped only now: a snapshot taken while the commit ran still lists it, so a restore from
            // that snapshot commits it again (idempotently) instead of losing it.
            this.pending.splice(this.pending.indexOf(p), 1);
        }
    }
    /** Queues work behind earlier commits; after a failure nothing is committed any more. */
    enqueue(work) {
        const run = this.commits.then(() => {
            this.throwIfFailed();
            return work();
        });
        this.commits = run.catch((e) => {
            this.failure ??= e;
        });
        return run;
    }
    throwIfFailed() {
        if (this.failure !== undefined)
            throw this.failure;
    }
    /** Fails the task from asynchronous work: a throwing timer callback fails it (processing-time-service.ts). */
    failTask(e) {
        this.failure ??= e;
        const time = this.ctx.processingTime;
        time.setTimer(time.now(), () => {
            throw e;
        });
    }
}
//# sourceMappingURL=two-phase-commit-sink-operator.js.map