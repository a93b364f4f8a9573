/**
 * The two-phase-commit sink operator without a cluster: when it pre-commits, commits and aborts,
 * what its state holds for a restore, and who cleans up what after a rescale. The target is an
 * in-memory "database" with open, prepared and committed transactions.
 */
import { TaskAccumulators } from "../../src/runtime/tasks/task-accumulators.js";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { RecoveryRequest, TransactionInfo, TwoPhaseCommitContext, TwoPhaseCommitSink, TwoPhaseCommitWriter } from "../../src/api/sink.js";
import { recoveryPlan, type SubtaskTransactions } from "../../src/runtime/operators/two-phase-commit-recovery.js";
import { operatorFactory } from "../../src/runtime/operators/operator-registry.js";
import type { StreamOperator } from "../../src/runtime/operators/stream-operator.js";
import { OperatorStateBackend, redistributeOperatorState, type OperatorStateSnapshot } from "../../src/runtime/state/operator-state-backend.js";
import { ManualProcessingTimeService } from "../../src/testing/manual-processing-time.js";
import { unregisteredGroup } from "../../src/runtime/metrics/scopes.js";

interface Txn {
  id: string;
  subtask: number;
}

/** Shared by every writer of a test, like a real database outlives its clients. */
class MemoryTarget {
  readonly open = new Map<string, string[]>();
  readonly prepared = new Map<string, string[]>();
  /** Committed transactions in commit order. */
  readonly committed: Array<{ id: string; values: string[] }> = [];
  readonly log: string[] = [];
  /** Pre-commits wait for this when set (a slow PREPARE). */
  preCommitGate: Promise<void> | undefined;
  failPreCommit = false;

  committedValues(): string[] {
    return this.committed.flatMap((c) => c.values);
  }
}

class MemorySink implements TwoPhaseCommitSink<string, Txn> {
  constructor(private readonly target: MemoryTarget) {}

  createTransactionalWriter(ctx: TwoPhaseCommitContext): TwoPhaseCommitWriter<string, Txn> {
    const t = this.target;
    let seq = 0;
    const subtaskOf = (id: string): number => Number(id.split("-")[0]);
    return {
      recover({ toCommit, ownedSubtasks }: RecoveryRequest<Txn>) {
        t.log.push(`recover commit=[${toCommit.map((x) => x.id).join(",")}] owned=[${ownedSubtasks.join(",")}]`);
        for (const txn of toCommit) this.commit(txn);
        const owned = new Set(ownedSubtasks);
        for (const id of [...t.open.keys(), ...t.prepared.keys()]) {
          if (owned.has(subtaskOf(id))) {
            t.log.push(`abort leftover ${id}`);
            t.open.delete(id);
            t.prepared.delete(id);
          }
        }
      },
      beginTransaction(info: TransactionInfo): Txn {
        const id = `${ctx.subtaskIndex}-${ctx.attemptNumber}-${seq++}`;
        t.open.set(id, []);
        t.log.push(`begin ${id} after ${info.afterCheckpoint ?? "start"}`);
        return { id, subtask: ctx.subtaskIndex };
      },
      write(txn: Txn, value: string) {
        t.open.get(txn.id)!.push(value);
      },
      async preCommit(txn: Txn) {
        const values = t.open.get(txn.id)!;
        t.open.delete(txn.id);
        await t.preCommitGate;
        if (t.failPreCommit) throw new Error(`PREPARE of ${txn.id} failed`);
        t.prepared.set(txn.id, values);
        t.log.push(`prepared ${txn.id}`);
      },
      commit(txn: Txn) {
        const values = t.prepared.get(txn.id);
        if (!values) return; // already committed: idempotent
        t.prepared.delete(txn.id);
        t.committed.push({ id: txn.id, values });
        t.log.push(`committed ${txn.id}`);
      },
      abort(txn: Txn) {
        t.open.delete(txn.id);
        t.prepared.delete(txn.id);
        t.log.push(`aborted ${txn.id}`);
      },
    };
  }
}

interface Instance {
  op: StreamOperator;
  time: ManualProcessingTimeService;
  state: OperatorStateBackend;
  /** Takes a checkpoint as TaskCheckpointer does: snapshot hooks, then the state, copied at once. */
  checkpoint(id: number, isSavepoint?: boolean): Promise<OperatorStateSnapshot>;
}

async function start(
  target: MemoryTarget,
  options: { restore?: OperatorStateSnapshot; subtask?: number; parallelism?: number; attempt?: number; finalCheckpoint?: boolean } = {},
): Promise<Instance> {
  const time = new ManualProcessingTimeService(0);
  const state = new OperatorStateBackend(options.restore ?? {});
  const op = operatorFactory("two-phase-commit-sink")({
    descriptor: { nodeId: 1, kind: "two-phase-commit-sink", name: "sink", uid: "sink", inputs: 1, config: {}, chainedOutputs: [], networkOutputs: [] },
    fns: { sink: new MemorySink(target) },
    keySelectors: [],
    runtimeContext: {
      jobId: "job",
      taskName: "sink",
      subtaskIndex: options.subtask ?? 0,
      parallelism: options.parallelism ?? 1,
      maxParallelism: 128,
      attemptNumber: options.attempt ?? 0,
      globalJobParameters: {},
      ...new TaskAccumulators().context,
      getMetricGroup: () => unregisteredGroup(),
    },
    keyedState: undefined,
    operatorState: state,
    isRestored: options.restore !== undefined,
    processingTime: time,
    settings: {},
    ...(options.finalCheckpoint ? { finalCheckpoint: true } : {}),
    collect: () => {},
  });
  op.initializeState(options.restore !== undefined);
  await op.open();
  return {
    op,
    time,
    state,
    async checkpoint(id, isSavepoint = false) {
      const pending = op.snapshotState(id, { isSavepoint });
      const snapshot = structuredClone(state.snapshot());
      await pending;
      return snapshot;
    },
  };
}

function write(op: StreamOperator, ...values: string[]): void {
  for (const v of values) op.processElement(v, Number.NEGATIVE_INFINITY, 0);
}

describe("two-phase-commit sink operator", () => {
  it("pre-commits at the barrier, puts later records in a new transaction, commits at completion", async () => {
    const target = new MemoryTarget();
    const { op, checkpoint } = await start(target);
    write(op, "a", "b");
    await checkpoint(1);
    write(op, "c");
    assert.deepEqual([...target.prepared.values()], [["a", "b"]]);
    assert.deepEqual(target.committedValues(), [], "nothing visible before the checkpoint completes");
    await op.notifyCheckpointComplete(1);
    assert.deepEqual(target.committedValues(), ["a", "b"]);
    assert.deepEqual([...target.open.values()], [["c"]], "the record after the barrier waits for the next checkpoint");
  });

  it("commits an aborted checkpoint's transaction with the next completed one, oldest first", async () => {
    const target = new MemoryTarget();
    const { op, checkpoint } = await start(target);
    write(op, "a");
    await checkpoint(1);
    write(op, "b");
    await checkpoint(2);
    op.notifyCheckpointAborted(1);
    assert.deepEqual(target.committedValues(), []);
    await op.notifyCheckpointComplete(2);
    assert.deepEqual(target.committed.map((c) => c.values), [["a"], ["b"]]);
  });

  it("never commits a transaction before its pre-commit has finished", async () => {
    const target = new MemoryTarget();
    const { op } = await start(target);
    let release!: () => void;
    target.preCommitGate = new Promise((resolve) => (release = resolve));
    write(op, "slow");
    const first = op.snapshotState(1);
    target.preCommitGate = undefined;
    write(op, "fast");
    await op.snapshotState(2);
    // Checkpoint 2 completes while checkpoint 1's PREPARE is still running.
    const committing = op.notifyCheckpointComplete(2);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(target.committed.length, 0, "commit waits for the slow pre-commit");
    release();
    await first;
    await committing;
    assert.deepEqual(target.committed.map((c) => c.values), [["slow"], ["fast"]]);
  });

  it("after a restore, commits what the checkpoint pre-committed and aborts the leftovers", async () => {
    const target = new MemoryTarget();
    const first = await start(target);
    write(first.op, "a");
    const chk1 = await first.checkpoint(1);
    write(first.op, "b");
    await first.checkpoint(2); // pre-committed, but checkpoint 2 never completes
    write(first.op, "c"); // open when the task dies (no close: a crash)

    for (const attempt of [1, 2]) {
      // Restoring twice from the same checkpoint (a second failure) commits nothing twice.
      const restored = await start(target, { restore: chk1, attempt });
      assert.equal(target.log.filter((l) => l.startsWith("recover")).at(-1), "recover commit=[0-0-0] owned=[0]");
      assert.deepEqual(target.committedValues(), ["a"]);
      assert.deepEqual([...target.prepared.keys()], [], "checkpoint 2's transaction was aborted");
      assert.deepEqual(
        [...target.open.keys()],
        [`0-${attempt}-0`],
        "only the restarted subtask's new transaction is open",
      );
      await restored.op.close();
    }
  });

  it("a savepoint's completion commits nothing: its transaction goes with the next checkpoint", async () => {
    const target = new MemoryTarget();
    const { op, checkpoint } = await start(target);
    write(op, "a");
    await checkpoint(1, true);
    await op.notifyCheckpointComplete(1);
    assert.deepEqual(target.committedValues(), []);
    write(op, "b");
    await checkpoint(2);
    await op.notifyCheckpointComplete(2);
    assert.deepEqual(target.committedValues(), ["a", "b"]);
  });

  it("with a final checkpoint commits nothing at end of input: its barrier pre-commits the tail and its completion commits it", async () => {
    const target = new MemoryTarget();
    const { op, checkpoint } = await start(target, { finalCheckpoint: true });
    write(op, "a");
    await checkpoint(1);
    write(op, "b");
    await op.finish();
    assert.equal(target.committed.length, 0, "end of input commits nothing");
    assert.throws(() => write(op, "c"), /after end of input/);
    const restorable = await checkpoint(2); // the final checkpoint: pre-commits "b" and begins no transaction after it
    assert.deepEqual([...target.open.keys()], []);
    assert.deepEqual([...target.prepared.values()], [["a"], ["b"]]);
    await op.notifyCheckpointComplete(2);
    assert.deepEqual(target.committed.map((c) => c.values), [["a"], ["b"]]);
    await op.close();
    // A restore from the final checkpoint (a failure before its notification) commits both again, idempotently.
    const again = await start(target, { restore: restorable, attempt: 1, finalCheckpoint: true });
    assert.equal(target.committed.length, 2);
    await again.op.close();
  });

  it("without a final checkpoint pre-commits the last transaction at end of input and commits everything directly", async () => {
    const target = new MemoryTarget();
    const { op, checkpoint } = await start(target);
    write(op, "a");
    await checkpoint(1); // never completes: no checkpoint can follow a finished task
    write(op, "b");
    await op.finish();
    assert.deepEqual(target.committed.map((c) => c.values), [["a"], ["b"]]);
    assert.deepEqual([...target.open.keys(), ...target.prepared.keys()], []);
    await op.notifyCheckpointComplete(1); // a late notification finds nothing left to commit
    assert.equal(target.committed.length, 2);
    await op.close();
  });

  it("fails the task when a pre-commit fails, and commits nothing after that", async () => {
    const target = new MemoryTarget();
    const { op, time } = await start(target);
    write(op, "a");
    target.failPreCommit = true;
    await assert.rejects(Promise.resolve(op.snapshotState(1)), /PREPARE of 0-0-0 failed/);
    assert.throws(() => time.advanceTo(1), /PREPARE of 0-0-0 failed/, "a timer fails the task");
    assert.throws(() => write(op, "b"), /PREPARE of 0-0-0 failed/);
    await assert.rejects(Promise.resolve(op.notifyCheckpointComplete(1)), /PREPARE of 0-0-0 failed/);
    assert.deepEqual(target.committed, []);
  });

  it("on close after a failure aborts the open transaction and keeps the pre-committed ones for recovery", async () => {
    const target = new MemoryTarget();
    const { op, checkpoint } = await start(target);
    write(op, "a");
    await checkpoint(1);
    write(op, "b");
    await op.close();
    assert.deepEqual([...target.prepared.values()], [["a"]]);
    assert.deepEqual([...target.open.keys()], []);
    assert.ok(target.log.includes("aborted 0-0-1"));
  });

  it("after scaling from 4 to 2 subtasks, each old subtask is recovered by exactly one new one", async () => {
    const target = new MemoryTarget();
    const snapshots: OperatorStateSnapshot[] = [];
    for (let subtask = 0; subtask < 4; subtask++) {
      const s = await start(target, { subtask, parallelism: 4 });
      write(s.op, `v${subtask}`);
      snapshots.push(await s.checkpoint(7));
      write(s.op, `after${subtask}`); // leftovers of every old subtask
    }
    const restored = redistributeOperatorState(snapshots, 2);
    const news = [];
    for (let subtask = 0; subtask < 2; subtask++) {
      news.push(await start(target, { restore: restored[subtask]!, subtask, parallelism: 2, attempt: 1 }));
    }
    assert.deepEqual(target.committedValues().sort(), ["v0", "v1", "v2", "v3"]);
    assert.deepEqual([...target.open.keys()].sort(), ["0-1-0", "1-1-0"], "all old leftovers aborted");
    assert.ok(target.log.includes("recover commit=[0-0-0,2-0-0] owned=[0,2]"), target.log.join("\n"));
    assert.ok(target.log.includes("recover commit=[1-0-0,3-0-0] owned=[1,3]"), target.log.join("\n"));
    // The new state remembers that there were 4 subtasks, so that a later failure still looks
    // for the leftovers of subtasks 2 and 3.
    const again = await news[0]!.checkpoint(8);
    const entries = again["two-phase-commit-transactions"]!.items as SubtaskTransactions<Txn>[];
    assert.deepEqual(entries.map((e) => [e.subtask, e.parallelism]), [[0, 4]]);
  });

  it("recovery plan: ownership by subtask modulo the new parallelism, pending transactions oldest first", () => {
    const entries: SubtaskTransactions<string>[] = [
      { subtask: 0, parallelism: 3, pending: [{ checkpointId: 5, txn: "0@5" }] },
      { subtask: 1, parallelism: 3, pending: [] },
      { subtask: 2, parallelism: 3, pending: [{ checkpointId: 6, txn: "2@6" }, { checkpointId: 4, txn: "2@4" }] },
    ];
    assert.deepEqual(recoveryPlan(entries, 0, 2), { toCommit: ["2@4", "0@5", "2@6"], ownedSubtasks: [0, 2], highestParallelism: 3 });
    assert.deepEqual(recoveryPlan(entries, 1, 2), { toCommit: [], ownedSubtasks: [1], highestParallelism: 3 });
    assert.deepEqual(recoveryPlan(entries, 3, 4), { toCommit: [], ownedSubtasks: [3], highestParallelism: 4 });
    assert.deepEqual(recoveryPlan([], 1, 2), { toCommit: [], ownedSubtasks: [1], highestParallelism: 2 });
  });
});
