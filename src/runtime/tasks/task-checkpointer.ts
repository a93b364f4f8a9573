/**
 * Takes a task's part of a checkpoint (Flink's SubtaskCheckpointCoordinator): the synchronous part
 * lets every operator put its pending state into the backends and serializes that state; then the
 * barrier goes downstream and processing continues while the asynchronous part writes the file and
 * acknowledges it to the JobMaster. With local recovery, the file is also kept on the TaskManager's
 * disk (docs/checkpoints.md, "Task-local recovery").
 */
import { joinUri } from "../../fs/file-system.js";
import { fileSystemFor } from "../../fs/file-systems.js";
import type { JobVertex } from "../../graph/job-graph.js";
import { keyGroupRange } from "../../graph/key-groups.js";
import type { OperatorChain } from "./operator-chain.js";
import { serializeError, type SerializedError } from "../../errors/serialized-error.js";
import type { Barrier } from "../checkpoint/barrier-aligner.js";
import type { TaskCheckpointAck } from "../checkpoint/checkpoint-metadata.js";
import type { KeyedStateSnapshot } from "../state/keyed-state-backend.js";
import { encodeTaskSnapshotInSlices, snapshotKeyedState, type OperatorSnapshot, type TaskSnapshot } from "../checkpoint/task-state.js";
import type { TaskLocalStateStore } from "../checkpoint/local/task-local-state-store.js";
import { localRecoveryLog } from "../checkpoint/local/local-recovery-log.js";

interface PendingKeyedState {
  entry: OperatorSnapshot;
  snapshot: KeyedStateSnapshot;
}

export interface CheckpointReporter {
  acknowledge(checkpointId: number, ack: TaskCheckpointAck): void;
  decline(checkpointId: number, reason: SerializedError): void;
}

export class TaskCheckpointer {
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly vertex: JobVertex,
    private readonly subtask: number,
    private readonly chain: OperatorChain,
    private readonly reporter: CheckpointReporter,
    /**
     * Task-local recovery: where the copies of the task's checkpoints go (none without it), and whether
     * this attempt restored from such copies (undefined when it restored nothing), told with every ack.
     */
    private readonly local: { copies?: TaskLocalStateStore; restoredLocally?: boolean } = {},
  ) {}

  /** Snapshots synchronously, forwards the barrier, and writes the state in the background. */
  perform(barrier: Barrier, alignmentMs: number): void {
    const start = performance.now();
    const { checkpointId } = barrier;
    let snapshot: TaskSnapshot;
    const finishing: Promise<void>[] = [];
    // Keyed state is fixed now and read out in the asynchronous part (LMDB: from a read transaction).
    const keyed: PendingKeyedState[] = [];
    try {
      for (const op of this.chain.operators) {
        const r = op.snapshotState(checkpointId, { isSavepoint: barrier.savepoint, timestamp: barrier.timestamp });
        if (r) finishing.push(r);
      }
      snapshot = { operators: {} };
      for (const s of this.chain.states) {
        const entry: OperatorSnapshot = {};
        if (s.keyed) keyed.push({ entry, snapshot: snapshotKeyedState(s.keyed) });
        const op = s.operatorState.snapshot();
        if (Object.keys(op).length > 0) entry.operator = op;
        snapshot.operators[s.uid] = entry;
      }
    } catch (e) {
      for (const k of keyed) k.snapshot.release();
      this.reporter.decline(checkpointId, serializeError(e));
      throw e;
    }
    const syncDurationMs = performance.now() - start;
    for (const w of this.chain.writers) {
      w.broadcastEvent({ kind: "barrier", checkpointId, timestamp: barrier.timestamp, savepoint: barrier.savepoint, dir: barrier.dir, ...(barrier.stopping ? { stopping: true } : {}) });
    }
    const work = this.writeAndAcknowledge(barrier, snapshot, keyed, finishing, syncDurationMs, alignmentMs);
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
  }

  private async writeAndAcknowledge(
    barrier: Barrier,
    snapshot: TaskSnapshot,
    keyed: PendingKeyedState[],
    finishing: Promise<void>[],
    syncDurationMs: number,
    alignmentDurationMs: number,
  ): Promise<void> {
    const start = performance.now();
    try {
      await Promise.all(finishing);
      for (const k of keyed) k.entry.keyed = await k.snapshot.materialize();
      const bytes = await encodeTaskSnapshotInSlices(snapshot);
      const file = `${this.vertex.id}-${this.subtask}.state`;
      // Whole or not at all, on any file system (docs/architecture.md, "File systems").
      const uri = joinUri(barrier.dir, file);
      await Promise.all([fileSystemFor(uri).write(uri, bytes), this.keepLocalCopy(barrier, uri, bytes)]);
      const range = keyGroupRange(this.vertex.maxParallelism, this.vertex.parallelism, this.subtask);
      this.reporter.acknowledge(barrier.checkpointId, {
        vertexId: this.vertex.id,
        subtask: this.subtask,
        keyGroupStart: range.start,
        keyGroupEnd: range.end,
        file,
        bytes: bytes.length,
        operators: this.chain.states.map((s) => ({ uid: s.uid, name: s.name })),
        syncDurationMs,
        asyncDurationMs: performance.now() - start,
        alignmentDurationMs,
        ...(this.local.restoredLocally !== undefined ? { restoredLocally: this.local.restoredLocally } : {}),
      });
    } catch (e) {
      for (const k of keyed) k.snapshot.release();
      this.reporter.decline(barrier.checkpointId, serializeError(e));
    }
  }

  /** A copy that cannot be kept costs a remote read at the next restore, never the checkpoint (savepoints get none). */
  private async keepLocalCopy(barrier: Barrier, uri: string, bytes: Uint8Array): Promise<void> {
    const copies = this.local.copies;
    if (!copies || barrier.savepoint) return;
    await copies.store(barrier.checkpointId, uri, bytes).catch((e: Error) => {
      localRecoveryLog.warn(`cannot keep a local copy of checkpoint ${barrier.checkpointId} in ${copies.location}: ${e.message}`);
    });
  }

  async notifyComplete(checkpointId: number): Promise<void> {
    for (const op of this.chain.operators) await op.notifyCheckpointComplete(checkpointId);
    // The older copies are subsumed (a restore uses the latest completed checkpoint).
    await this.local.copies?.confirm(checkpointId).catch((e: Error) => localRecoveryLog.warn(`cannot delete local copies older than checkpoint ${checkpointId}: ${e.message}`));
  }

  notifyAborted(checkpointId: number): void {
    for (const op of this.chain.operators) op.notifyCheckpointAborted(checkpointId);
    void this.local.copies?.abort(checkpointId).catch((e: Error) => localRecoveryLog.warn(`cannot delete the local copy of aborted checkpoint ${checkpointId}: ${e.message}`));
  }

  /** Resolves when every started checkpoint has been written and acknowledged (or declined). */
  async whenIdle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }
}
