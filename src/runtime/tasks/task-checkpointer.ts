/**
 * Takes a task's part of a checkpoint (Flink's SubtaskCheckpointCoordinator): the synchronous part
 * lets every operator put its pending state into the backends and serializes that state; then the
 * barrier goes downstream and processing continues while the asynchronous part writes the file and
 * acknowledges it to the JobMaster. An unaligned checkpoint adds the data in flight: what its
 * barrier overtook in the outputs, and the in-flight input the barrier aligner collects
 * (docs/checkpoints.md, "Unaligned checkpoints"). With local recovery, the file is also kept on the
 * TaskManager's disk (docs/checkpoints.md, "Task-local recovery").
 */
import { joinUri, parentUri } from "../../fs/file-system.js";
import { fileSystemFor } from "../../fs/file-systems.js";
import type { JobVertex } from "../../graph/job-graph.js";
import { keyGroupRange } from "../../graph/key-groups.js";
import type { OperatorChain } from "./operator-chain.js";
import { serializeError, type SerializedError } from "../../errors/serialized-error.js";
import type { Barrier } from "../checkpoint/barrier-aligner.js";
import type { TaskCheckpointAck } from "../checkpoint/checkpoint-metadata.js";
import type { KeyedStateSnapshot } from "../state/keyed-state-backend.js";
import { encodeTaskSnapshotInSlices, snapshotKeyedState, type OperatorSnapshot, type TaskSnapshot } from "../checkpoint/task-state.js";
import { channelStateBytes, type ChannelStateSnapshot, type CollectedInput } from "../checkpoint/channel-state.js";
import type { DataEvent } from "../network/frames.js";
import type { PersistedFrame } from "../network/in-flight-data.js";
import type { TaskLocalStateStore } from "../checkpoint/local/task-local-state-store.js";
import { localRecoveryLog } from "../checkpoint/local/local-recovery-log.js";
import { changelogOf, type ChangelogCheckpoint, type PersistedChangelog } from "../state/changelog/changelog-keyed-state-backend.js";
import type { SharedStateFile } from "../state/changelog/changelog-handle.js";
import type { FinalCheckpoint } from "./final-checkpoint.js";

interface PendingKeyedState {
  entry: OperatorSnapshot;
  snapshot: KeyedStateSnapshot;
}

/** Keyed state of a backend with a state changelog: its new segment is being written. */
interface PendingChangelog {
  entry: OperatorSnapshot;
  checkpoint: ChangelogCheckpoint;
}

interface SynchronousPart {
  snapshot: TaskSnapshot;
  keyed: PendingKeyedState[];
  changelogs: PendingChangelog[];
  finishing: Promise<void>[];
  syncDurationMs: number;
  /** The task's operators had finished (FLIP-147): the ack says so. */
  finished: boolean;
}

function barrierEvent(barrier: Barrier): Extract<DataEvent, { kind: "barrier" }> {
  const { checkpointId, timestamp, savepoint, dir, stopping, alignedTimeoutMs } = barrier;
  return { kind: "barrier", checkpointId, timestamp, savepoint, dir, ...(stopping ? { stopping } : {}), ...(alignedTimeoutMs !== undefined ? { alignedTimeoutMs } : {}) };
}

export interface CheckpointReporter {
  acknowledge(checkpointId: number, ack: TaskCheckpointAck): void;
  decline(checkpointId: number, reason: SerializedError): void;
}

/** What a checkpoint persisted of the data in flight, and how its barrier was handled. */
interface InFlight {
  channels?: ChannelStateSnapshot;
  unaligned: boolean;
  processedBytes: number;
}

const ALIGNED: InFlight = { unaligned: false, processedBytes: 0 };

export class TaskCheckpointer {
  private readonly pending = new Set<Promise<void>>();
  /** Aligned barriers with a timeout still queued in output subpartitions, by checkpoint id. */
  private readonly queuedBarriers = new Map<number, { waiting: Set<string>; left: () => void }>();

  constructor(
    private readonly vertex: JobVertex,
    private readonly subtask: number,
    private readonly chain: OperatorChain,
    private readonly reporter: CheckpointReporter,
    private readonly finalCheckpoint: FinalCheckpoint,
    /**
     * Task-local recovery: where the copies of the task's checkpoints go (none without it), and whether
     * this attempt restored from such copies (undefined when it restored nothing), told with every ack.
     */
    private readonly local: { copies?: TaskLocalStateStore; restoredLocally?: boolean } = {},
  ) {
    for (const { key, subpartition } of chain.outputs) {
      subpartition.onBarrierSent((id) => {
        const q = this.queuedBarriers.get(id);
        if (q && q.waiting.delete(key) && q.waiting.size === 0) q.left();
      });
    }
  }

  /** A source task's checkpoint: its barrier starts here, unaligned or aligned as the coordinator says. */
  performAtSource(barrier: Barrier): void {
    if (barrier.unaligned) this.performUnaligned(barrier, undefined, 0);
    else this.perform(barrier, 0);
  }

  /**
   * Aligned: snapshots synchronously, forwards the barrier behind the data, and writes the state in
   * the background. With an aligned-checkpoint-timeout, a barrier still queued in an output when the
   * timeout passes overtakes the data before it, which is persisted with this snapshot.
   */
  perform(barrier: Barrier, alignmentMs: number, processedBytes = 0): void {
    const sync = this.snapshotSynchronously(barrier);
    const event = barrierEvent(barrier);
    let inFlight: Promise<InFlight> = Promise.resolve({ ...ALIGNED, processedBytes });
    if (barrier.alignedTimeoutMs !== undefined && this.chain.outputs.length > 0) {
      inFlight = this.outputsAfterTimeout(barrier).then((outputs) =>
        Object.keys(outputs).length > 0 ? { channels: { inputs: {}, outputs }, unaligned: true, processedBytes } : { ...ALIGNED, processedBytes },
      );
      for (const w of this.chain.writers) w.broadcastEvent(event);
    } else {
      for (const w of this.chain.writers) w.broadcastEvent(event);
    }
    this.startAsyncPart(barrier, sync, inFlight, alignmentMs);
  }

  /**
   * Unaligned: snapshots now, sends the barrier ahead of the data queued in every output (which is
   * persisted as in-flight output), and writes the state once the in-flight input is complete.
   */
  performUnaligned(barrier: Barrier, input: Promise<CollectedInput> | undefined, alignmentMs: number): void {
    const sync = this.snapshotSynchronously(barrier);
    const event = { ...barrierEvent(barrier), unaligned: true };
    const outputs: Record<string, PersistedFrame[]> = {};
    for (const { key, subpartition } of this.chain.outputs) {
      const frames = subpartition.sendPriorityBarrier(event);
      if (frames.length > 0) outputs[key] = frames;
    }
    const inFlight = (input ?? Promise.resolve({ inputs: {}, processedBytes: 0 })).then(({ inputs, processedBytes }) => ({
      channels: { inputs, outputs },
      unaligned: true,
      processedBytes,
    }));
    this.startAsyncPart(barrier, sync, inFlight, alignmentMs);
  }

  /** Resolves with what the barrier overtook in outputs where it was still queued at its timeout. */
  private outputsAfterTimeout(barrier: Barrier): Promise<Record<string, PersistedFrame[]>> {
    const id = barrier.checkpointId;
    return new Promise((resolve) => {
      const waiting = new Set(this.chain.outputs.map((o) => o.key));
      const timer = setTimeout(() => {
        this.queuedBarriers.delete(id);
        const outputs: Record<string, PersistedFrame[]> = {};
        for (const { key, subpartition } of this.chain.outputs) {
          if (!waiting.has(key)) continue;
          const frames = subpartition.overtakeQueuedBarrier(id);
          if (frames && frames.length > 0) outputs[key] = frames;
        }
        resolve(outputs);
      }, Math.max(0, barrier.timestamp + barrier.alignedTimeoutMs! - Date.now()));
      this.queuedBarriers.set(id, {
        waiting,
        left: () => {
          clearTimeout(timer);
          this.queuedBarriers.delete(id);
          resolve({});
        },
      });
    });
  }

  private snapshotSynchronously(barrier: Barrier): SynchronousPart {
    const start = performance.now();
    const { checkpointId } = barrier;
    let snapshot: TaskSnapshot;
    const finishing: Promise<void>[] = [];
    // Keyed state is fixed now and read out in the asynchronous part (LMDB: from a read transaction).
    const keyed: PendingKeyedState[] = [];
    const changelogs: PendingChangelog[] = [];
    try {
      for (const op of this.chain.operators) {
        const r = op.snapshotState(checkpointId, { isSavepoint: barrier.savepoint, timestamp: barrier.timestamp });
        if (r) finishing.push(r);
      }
      snapshot = { operators: {} };
      for (const s of this.chain.states) {
        const entry: OperatorSnapshot = {};
        // Savepoints stay full, self-contained snapshots (docs/state-backends.md, "Incremental checkpoints").
        const changelog = barrier.savepoint ? undefined : changelogOf(s.keyed);
        if (changelog) changelogs.push({ entry, checkpoint: changelog.checkpoint(checkpointId, parentUri(barrier.dir)) });
        else if (s.keyed) keyed.push({ entry, snapshot: snapshotKeyedState(s.keyed) });
        const op = s.operatorState.snapshot();
        if (Object.keys(op).length > 0) entry.operator = op;
        snapshot.operators[s.uid] = entry;
      }
    } catch (e) {
      for (const k of keyed) k.snapshot.release();
      this.reporter.decline(checkpointId, serializeError(e));
      throw e;
    }
    const finished = this.finalCheckpoint.finished;
    this.finalCheckpoint.snapshotTaken(checkpointId, barrier.savepoint);
    return { snapshot, keyed, changelogs, finishing, syncDurationMs: performance.now() - start, finished };
  }

  private startAsyncPart(barrier: Barrier, sync: SynchronousPart, inFlight: Promise<InFlight>, alignmentMs: number): void {
    const work = this.writeAndAcknowledge(barrier, sync, inFlight, alignmentMs);
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
  }

  private async writeAndAcknowledge(barrier: Barrier, sync: SynchronousPart, inFlightDone: Promise<InFlight>, alignmentDurationMs: number): Promise<void> {
    const { snapshot, keyed, changelogs, finishing, syncDurationMs } = sync;
    const start = performance.now();
    try {
      await Promise.all(finishing);
      for (const k of keyed) k.entry.keyed = await k.snapshot.materialize();
      const persisted: PersistedChangelog[] = [];
      for (const c of changelogs) {
        const p = await c.checkpoint.persist();
        c.entry.changelog = p.handle;
        persisted.push(p);
      }
      const inFlight = await inFlightDone;
      if (inFlight.channels) snapshot.channels = inFlight.channels;
      const bytes = await encodeTaskSnapshotInSlices(snapshot);
      const file = `${this.vertex.id}-${this.subtask}.state`;
      // Whole or not at all, on any file system (docs/architecture.md, "File systems").
      const uri = joinUri(barrier.dir, file);
      await Promise.all([fileSystemFor(uri).write(uri, bytes), this.keepLocalCopy(barrier, uri, bytes)]);
      const range = keyGroupRange(this.vertex.maxParallelism, this.vertex.parallelism, this.subtask);
      const ack: TaskCheckpointAck = {
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
        persistedDataBytes: channelStateBytes(inFlight.channels),
        processedDataBytes: inFlight.processedBytes,
        unaligned: inFlight.unaligned,
        ...(sync.finished ? { finished: true } : {}),
        ...(this.local.restoredLocally !== undefined ? { restoredLocally: this.local.restoredLocally } : {}),
        ...(persisted.length > 0 ? changelogAck(bytes.length, persisted) : {}),
      };
      this.reporter.acknowledge(barrier.checkpointId, ack);
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
    for (const s of this.chain.states) changelogOf(s.keyed)?.notifyCheckpointComplete(checkpointId);
    for (const op of this.chain.operators) await op.notifyCheckpointComplete(checkpointId);
    // The older copies are subsumed (a restore uses the latest completed checkpoint).
    await this.local.copies?.confirm(checkpointId).catch((e: Error) => localRecoveryLog.warn(`cannot delete local copies older than checkpoint ${checkpointId}: ${e.message}`));
  }

  notifyAborted(checkpointId: number): void {
    for (const s of this.chain.states) changelogOf(s.keyed)?.notifyCheckpointAborted(checkpointId);
    for (const op of this.chain.operators) op.notifyCheckpointAborted(checkpointId);
    void this.local.copies?.abort(checkpointId).catch((e: Error) => localRecoveryLog.warn(`cannot delete the local copy of aborted checkpoint ${checkpointId}: ${e.message}`));
  }

  /** Resolves when every started checkpoint has been written and acknowledged (or declined). */
  async whenIdle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }
}

/** The shared files a changelog checkpoint refers to, and what it newly wrote: the state file and the new shared files. */
function changelogAck(fileBytes: number, changelogs: readonly PersistedChangelog[]): { sharedFiles: SharedStateFile[]; checkpointedBytes: number } {
  const shared = new Map<string, SharedStateFile>();
  for (const c of changelogs) for (const f of c.files) shared.set(f.file, f);
  return { sharedFiles: [...shared.values()], checkpointedBytes: fileBytes + changelogs.reduce((n, c) => n + c.checkpointedBytes, 0) };
}
