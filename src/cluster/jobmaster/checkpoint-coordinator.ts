/**
 * The CheckpointCoordinator of one job (docs/architecture.md, "State and checkpoints"): triggers checkpoints periodically
 * (interval, min pause, max concurrent) and on demand (savepoints), sends the trigger to the source
 * tasks, collects every task's acknowledgement, writes `_metadata`, keeps the newest `retained`
 * completed checkpoints (with the files of the state changelog they share counted in a
 * SharedStateRegistry), notifies tasks of completion (the commit point for two-phase-commit sinks)
 * and of aborts, and fails the job when more checkpoints fail in a row than tolerated.
 */
import { LeadershipLostError, type CheckpointIdCounter, type CompletedCheckpointStore } from "../ha/interface.js";
import type { CheckpointMetadata, TaskCheckpointAck, TaskRestore } from "../../runtime/checkpoint/checkpoint-metadata.js";
import type { CheckpointTrigger } from "../../runtime/tasks/stream-task.js";
import { deserializeError, type SerializedError } from "../../errors/serialized-error.js";
import { TaskNotReadyForCheckpointError } from "../../runtime/checkpoint/checkpoint-declined.js";
import type { Logger } from "../../util/logger.js";
import { systemClock, type Clock, type Timer } from "../../util/clock.js";
import { SluiceError, registerErrorClass } from "../../errors/sluice-error.js";
import type { CheckpointSettings } from "./checkpoint-settings.js";
import { CheckpointStatsTracker } from "./checkpoint-stats.js";
import { checkpointDir, discardCheckpoint, discardSharedFile, jobCheckpointDir, loadCheckpoint, newSavepointDir, readMetadata, taskRestoreOf, writeMetadata } from "./checkpoint-storage.js";
import { SharedStateRegistry } from "./shared-state-registry.js";

export interface CheckpointTask {
  executionId: string;
  vertexId: string;
  isSource: boolean;
  running: boolean;
  /** The execution reached FINISHED (it ended after its final checkpoint). */
  finished: boolean;
  trigger(trigger: CheckpointTrigger): Promise<void>;
  notifyComplete(checkpointId: number): void;
  notifyAborted(checkpointId: number): void;
}

/**
 * The job's operator coordinators (its split enumerators; source-coordinators.ts): their state is
 * taken before the source tasks are triggered and written into `_metadata`.
 */
export interface OperatorCoordinatorCheckpoints {
  /** States by operator uid. Events to tasks are held from the snapshot until triggersSent(). */
  snapshot(checkpointId: number): Promise<Record<string, unknown>>;
  /** The checkpoint's triggers have gone out (or the checkpoint failed before): release held events. */
  triggersSent(): void;
  notifyCheckpointComplete(checkpointId: number): void;
  notifyCheckpointAborted(checkpointId: number): void;
}

export interface CheckpointCoordinatorContext {
  jobId: string;
  settings: CheckpointSettings;
  store: CompletedCheckpointStore;
  counter: CheckpointIdCounter;
  logger: Logger;
  /** The tasks of the current attempt. */
  tasks(): CheckpointTask[];
  /** Too many checkpoints failed: the job must fail over. */
  onTolerableFailuresExceeded(cause: Error): void;
  clock?: Clock;
  coordinators?: OperatorCoordinatorCheckpoints;
}

export interface SavepointRequest {
  dir?: string;
  stop?: "terminate" | "drain";
}

interface Pending {
  id: number;
  timestamp: number;
  kind: "checkpoint" | "savepoint";
  dir: string;
  waiting: Set<string>;
  acks: TaskCheckpointAck[];
  /** Tasks that had finished before (or while) the checkpoint ran: they are recorded as finished, without state. */
  finishedTasks: TaskCheckpointAck[];
  /** The operator coordinators' states (operator uid → state), taken before the trigger. */
  coordinatorStates?: Record<string, unknown>;
  timer: Timer;
  resolve(path: string): void;
  reject(e: Error): void;
}

export class CheckpointDeclinedError extends SluiceError {}
registerErrorClass(CheckpointDeclinedError);

export class CheckpointCoordinator {
  readonly stats: CheckpointStatsTracker;
  private readonly pending = new Map<number, Pending>();
  private periodic: Timer | undefined;
  private readonly clock: Clock;
  private lastCompletedAt = 0;
  private consecutiveFailures = 0;
  private readonly log: Logger;
  /**
   * Store and counter operations under way (with HA: writes to ZooKeeper). shutdown() waits for
   * them, so that a job's HA cleanup cannot be followed by a late write re-creating its nodes.
   */
  private readonly storeOperations = new Set<Promise<unknown>>();
  /** Counts failover() calls: a checkpoint whose completion spans one is not recorded. */
  private failovers = 0;
  /** After shutdown nothing is triggered or completed any more. */
  private isShutDown = false;
  /**
   * Every task's latest acknowledgement: when a task has finished, later checkpoints record it from
   * this (which operators, which key groups) as finished without state (FLIP-147).
   */
  private readonly lastAcks = new Map<string, TaskCheckpointAck>();
  /** Which retained checkpoints need each shared file of the state changelog. */
  private readonly sharedState = new SharedStateRegistry();
  private sharedStateLoaded: Promise<void> | undefined;

  /** Runs a store or counter operation, tracked until it settles. */
  private tracked<T>(operation: Promise<T>): Promise<T> {
    this.storeOperations.add(operation);
    const forget = (): void => void this.storeOperations.delete(operation);
    operation.then(forget, forget);
    return operation;
  }

  constructor(private readonly ctx: CheckpointCoordinatorContext) {
    this.log = ctx.logger.child(`CheckpointCoordinator ${ctx.jobId.slice(0, 8)}`);
    this.clock = ctx.clock ?? systemClock;
    this.stats = new CheckpointStatsTracker(this.clock);
  }

  get settings(): CheckpointSettings {
    return this.ctx.settings;
  }

  /** Starts periodic checkpoints (when an interval is set). */
  startPeriodic(): void {
    const { intervalMs } = this.ctx.settings;
    if (intervalMs <= 0 || this.periodic) return;
    // The first one an interval after the start, not at once (Flink waits an initial delay too): a
    // bounded job shorter than its interval then ends through its final checkpoint, not an early one.
    this.lastTriggerAt = this.clock.now();
    this.periodic = this.clock.setInterval(() => this.maybeTriggerPeriodic(), Math.max(10, Math.min(intervalMs, 1000)));
  }

  stopPeriodic(): void {
    this.periodic?.cancel();
    this.periodic = undefined;
  }

  private lastTriggerAt = 0;
  /** Periodic checkpoints decided on whose id is still being drawn (not pending yet). */
  private triggering = 0;

  private maybeTriggerPeriodic(): void {
    const now = this.clock.now();
    const s = this.ctx.settings;
    if (now - this.lastTriggerAt < s.intervalMs) return;
    if (now - this.lastCompletedAt < s.minPauseMs) return;
    // With unaligned checkpoints a savepoint in progress counts too: an unaligned barrier reaching a
    // task that still aligns the savepoint's barriers would give that alignment up (barrier-aligner.ts).
    const counted = [...this.pending.values()].filter((p) => p.kind === "checkpoint" || s.unaligned).length;
    if (counted >= s.maxConcurrent) return;
    this.trigger("checkpoint").catch((e: Error) => this.log.debug(`checkpoint not taken: ${e.message}`));
  }

  /** `onTriggered` learns the checkpoint's id as soon as it has one (for REST's trigger status). */
  triggerCheckpoint(onTriggered?: (checkpointId: number) => void): Promise<string> {
    return this.trigger("checkpoint", {}, onTriggered);
  }

  triggerSavepoint(request: SavepointRequest = {}): Promise<string> {
    return this.trigger("savepoint", request);
  }

  private async trigger(kind: "checkpoint" | "savepoint", request: SavepointRequest = {}, onTriggered?: (checkpointId: number) => void): Promise<string> {
    const all = this.ctx.tasks();
    const { finishedTasks, tasks } = this.participants(all);
    if (tasks.length === 0 || tasks.some((t) => !t.running)) {
      throw new CheckpointDeclinedError("not all tasks are running");
    }
    if (!tasks.some((t) => t.isSource)) throw new CheckpointDeclinedError("every source task has finished");
    this.lastTriggerAt = this.clock.now();
    const id = await this.tracked(this.ctx.counter.getAndIncrement());
    if (this.isShutDown) throw new CheckpointDeclinedError("the job is shutting down");
    const timestamp = this.clock.now();
    const dir = kind === "checkpoint" ? checkpointDir(this.ctx.settings.dir, this.ctx.jobId, id) : newSavepointDir(request.dir ?? this.ctx.settings.savepointDir, this.ctx.jobId);
    const perVertex: Record<string, number> = {};
    for (const t of all) perVertex[t.vertexId] = (perVertex[t.vertexId] ?? 0) + 1;
    this.stats.triggered(id, kind, timestamp, perVertex);
    onTriggered?.(id);
    const result = new Promise<string>((resolve, reject) => {
      const timer = this.clock.setTimeout(() => this.abort(id, new CheckpointDeclinedError(`checkpoint ${id} expired after ${this.ctx.settings.timeoutMs} ms`)), this.ctx.settings.timeoutMs);
      this.pending.set(id, { id, timestamp, kind, dir, waiting: new Set(tasks.map((t) => t.executionId)), acks: [], finishedTasks: [], timer, resolve, reject });
    });
    for (const ack of finishedTasks) this.recordFinished(id, ack);
    result.catch(() => {});
    const coordinators = this.ctx.coordinators;
    if (coordinators) {
      try {
        const states = await coordinators.snapshot(id);
        const p = this.pending.get(id);
        if (!p) {
          coordinators.triggersSent();
          return result;
        }
        p.coordinatorStates = states;
      } catch (e) {
        this.abort(id, new CheckpointDeclinedError(`checkpoint ${id}: the split enumerators' state could not be taken: ${(e as Error).message}`));
        return result;
      }
    }
    const barrier = { checkpointId: id, timestamp, savepoint: kind === "savepoint", dir, ...(request.stop === "terminate" ? { stopping: true } : {}), ...this.alignmentOf(kind) };
    const trigger: CheckpointTrigger = { barrier, stop: request.stop };
    for (const t of tasks) {
      if (!t.isSource) continue;
      t.trigger(trigger).catch((e: Error) => this.abort(id, new CheckpointDeclinedError(`triggering checkpoint ${id} failed: ${e.message}`)));
    }
    // The triggers are on their way (each TaskExecutor connection keeps call order): events the
    // coordinators produced after their snapshot may follow now, behind the triggers.
    coordinators?.triggersSent();
    return result;
  }

  /**
   * Who takes part: with checkpoints after tasks finish, tasks that reached FINISHED are left out
   * (recorded as finished from their last acknowledgement); otherwise every task must be running.
   */
  private participants(all: CheckpointTask[]): { tasks: CheckpointTask[]; finishedTasks: TaskCheckpointAck[] } {
    for (const id of [...this.lastAcks.keys()]) if (!all.some((t) => t.executionId === id)) this.lastAcks.delete(id);
    if (!this.ctx.settings.checkpointsAfterTasksFinish) return { tasks: all, finishedTasks: [] };
    const finishedTasks: TaskCheckpointAck[] = [];
    for (const t of all.filter((x) => x.finished)) {
      const last = this.lastAcks.get(t.executionId);
      // Every task takes its final checkpoint before it finishes; one that did not is a task of
      // an attempt restored before this coordinator knew it (it cannot be recorded).
      if (!last) throw new CheckpointDeclinedError(`task ${t.vertexId} (execution ${t.executionId}) finished without a checkpoint to record it by`);
      finishedTasks.push(last);
    }
    return { tasks: all.filter((t) => !t.finished), finishedTasks };
  }

  /** A finished task's part: its operators and key groups, finished, with no state file. */
  private recordFinished(checkpointId: number, last: TaskCheckpointAck): void {
    const p = this.pending.get(checkpointId);
    if (!p) return;
    const marker: TaskCheckpointAck = { ...last, file: "", bytes: 0, syncDurationMs: 0, asyncDurationMs: 0, alignmentDurationMs: 0, finished: true };
    delete marker.checkpointedBytes;
    delete marker.persistedDataBytes;
    delete marker.processedDataBytes;
    delete marker.unaligned;
    delete marker.restoredLocally;
    delete marker.sharedFiles;
    p.finishedTasks.push(marker);
    this.stats.acknowledged(checkpointId, marker);
  }

  /**
   * A task reached FINISHED (after its final checkpoint): checkpoints it has not acknowledged no
   * longer wait for it. Its consumers no longer wait for its barriers either (its channels ended).
   */
  taskFinished(executionId: string): void {
    if (!this.ctx.settings.checkpointsAfterTasksFinish) return;
    const last = this.lastAcks.get(executionId);
    for (const p of [...this.pending.values()]) {
      if (!p.waiting.has(executionId)) continue;
      if (!last) {
        this.abort(p.id, new CheckpointDeclinedError(`checkpoint ${p.id}: execution ${executionId} finished without a checkpoint to record it by`), false);
        continue;
      }
      p.waiting.delete(executionId);
      this.recordFinished(p.id, last);
      if (p.waiting.size === 0) void this.complete(p);
    }
  }

  /**
   * Checkpoints with unaligned checkpoints on are unaligned from the start, or aligned until the
   * aligned-checkpoint-timeout; savepoints are always aligned (docs/checkpoints.md, "Unaligned checkpoints").
   */
  private alignmentOf(kind: "checkpoint" | "savepoint"): { unaligned?: true; alignedTimeoutMs?: number } {
    const s = this.ctx.settings;
    if (kind === "savepoint" || !s.unaligned) return {};
    return s.alignedCheckpointTimeoutMs > 0 ? { alignedTimeoutMs: s.alignedCheckpointTimeoutMs } : { unaligned: true };
  }

  /**
   * With unaligned checkpoints a barrier can overtake an end of data, so a task may take a checkpoint
   * unfinished while its upstream tasks took it finished. Told of its completion, those would end, and
   * once every source has ended nothing is left to trigger the checkpoint the unfinished task needs
   * after it finishes. So a finished task hears of a completion only when every task took that
   * checkpoint finished (docs/checkpoints.md, "The final checkpoint"); until then it keeps taking
   * checkpoints, and its commits wait for that last one.
   */
  private holdsBackEnd(t: CheckpointTask, everyTaskFinished: boolean): boolean {
    return this.ctx.settings.unaligned && !everyTaskFinished && !t.finished && this.lastAcks.get(t.executionId)?.finished === true;
  }

  acknowledge(executionId: string, checkpointId: number, ack: TaskCheckpointAck): void {
    const p = this.pending.get(checkpointId);
    if (!p || !p.waiting.delete(executionId)) return;
    this.lastAcks.set(executionId, ack);
    p.acks.push(ack);
    this.stats.acknowledged(checkpointId, ack);
    if (p.waiting.size === 0) void this.complete(p);
  }

  decline(executionId: string, checkpointId: number, reason: SerializedError): void {
    const countsAsFailure = !(deserializeError(reason, executionId) instanceof TaskNotReadyForCheckpointError);
    this.abort(checkpointId, new CheckpointDeclinedError(`checkpoint ${checkpointId} declined: ${reason.message}`), countsAsFailure);
  }

  private async complete(p: Pending): Promise<void> {
    this.pending.delete(p.id);
    p.timer.cancel();
    if (this.isShutDown) {
      this.fail(p, new CheckpointDeclinedError("the job is shutting down"), false);
      return;
    }
    try {
      const metadata = this.metadataOf(p);
      const failovers = this.failovers;
      const path = await this.tracked(writeMetadata(p.dir, metadata));
      // The job failed over while `_metadata` was written (remote storage can take a while): its
      // restart may already restore from an older checkpoint and abort what this one pre-committed,
      // so this one must never become the newest — a later restore from it would commit nothing.
      if (p.kind === "checkpoint" && failovers !== this.failovers) {
        this.fail(p, new CheckpointDeclinedError(`checkpoint ${p.id} was still completing when the job failed over`), false);
        return;
      }
      if (p.kind === "checkpoint") {
        await this.loadSharedState();
        const subsumed = await this.tracked(this.ctx.store.add({ checkpointId: p.id, payload: { path: p.dir } }));
        this.sharedState.register(p.id, (metadata.sharedFiles ?? []).map((f) => f.file));
        for (const s of subsumed) {
          this.discard((s.payload as { path: string }).path);
          this.releaseSharedState(s.checkpointId);
        }
      }
      this.lastCompletedAt = this.clock.now();
      this.consecutiveFailures = 0;
      this.stats.completed(p.id, p.dir);
      this.log.info(`completed ${p.kind} ${p.id} (${p.acks.reduce((n, a) => n + a.bytes, 0)} bytes) at ${p.dir}`);
      const everyTaskFinished = [...p.acks, ...p.finishedTasks].every((a) => a.finished === true);
      for (const t of this.ctx.tasks()) if (!this.holdsBackEnd(t, everyTaskFinished)) t.notifyComplete(p.id);
      // Failover restores checkpoints only: a source acknowledging upstream on a savepoint could lose data.
      if (p.kind === "checkpoint") this.ctx.coordinators?.notifyCheckpointComplete(p.id);
      p.resolve(p.kind === "savepoint" ? p.dir : path);
    } catch (e) {
      // A JobMaster whose term ended does not complete checkpoints: the fenced store refused it, and
      // the job goes on under the next leader, so it is not this job's failure to count.
      this.fail(p, e as Error, !(e instanceof LeadershipLostError));
    }
  }

  private metadataOf(p: Pending): CheckpointMetadata {
    const operators: CheckpointMetadata["operators"] = {};
    const acks = [...p.acks, ...p.finishedTasks];
    for (const a of acks) {
      for (const op of a.operators) {
        const entry = (operators[op.uid] ??= { vertexId: a.vertexId, operatorName: op.name, parallelism: 0, maxParallelism: 0, subtasks: [] });
        entry.subtasks.push({
          subtask: a.subtask,
          keyGroupStart: a.keyGroupStart,
          keyGroupEnd: a.keyGroupEnd,
          file: a.file,
          bytes: a.bytes,
          ...(a.persistedDataBytes ? { persistedDataBytes: a.persistedDataBytes } : {}),
          ...(a.finished ? { finished: true } : {}),
        });
        entry.parallelism = entry.subtasks.length;
      }
    }
    for (const a of acks) for (const op of a.operators) operators[op.uid]!.maxParallelism = Math.max(operators[op.uid]!.maxParallelism, a.keyGroupEnd + 1);
    const metadata: CheckpointMetadata = { version: 1, jobId: this.ctx.jobId, checkpointId: p.id, timestamp: p.timestamp, kind: p.kind, operators };
    const shared = new Map(p.acks.flatMap((a) => a.sharedFiles ?? []).map((f) => [f.file, f]));
    if (shared.size > 0) metadata.sharedFiles = [...shared.values()];
    if (p.coordinatorStates && Object.keys(p.coordinatorStates).length > 0) metadata.coordinators = p.coordinatorStates;
    return metadata;
  }

  private abort(checkpointId: number, cause: Error, countsAsFailure = true): void {
    const p = this.pending.get(checkpointId);
    if (!p) return;
    this.pending.delete(checkpointId);
    p.timer.cancel();
    this.fail(p, cause, countsAsFailure);
  }

  private fail(p: Pending, cause: Error, countsAsFailure: boolean): void {
    this.discard(p.dir);
    this.stats.failed(p.id, cause.message);
    for (const t of this.ctx.tasks()) t.notifyAborted(p.id);
    if (p.kind === "checkpoint") this.ctx.coordinators?.notifyCheckpointAborted(p.id);
    p.reject(cause);
    this.log.warn(`${p.kind} ${p.id} failed: ${cause.message}`);
    if (!countsAsFailure || p.kind === "savepoint") return;
    this.consecutiveFailures++;
    if (this.consecutiveFailures > this.ctx.settings.tolerableFailures) {
      this.consecutiveFailures = 0;
      this.ctx.onTolerableFailuresExceeded(new Error(`exceeded the tolerable number of failed checkpoints (${this.ctx.settings.tolerableFailures}): ${cause.message}`));
    }
  }

  /**
   * The job fails over: checkpoints in flight are aborted, and one whose completion is under way is
   * not recorded (complete()).
   */
  failover(reason: string): void {
    this.failovers++;
    this.abortAll(reason);
  }

  abortAll(reason: string): void {
    for (const id of [...this.pending.keys()]) this.abort(id, new CheckpointDeclinedError(reason), false);
  }

  /**
   * The state to restart from: the newest retained checkpoint that is intact, falling back to older
   * ones (and dropping damaged ones) with a clear log line; `initial` (a savepoint) when none exists.
   */
  async latestRestore(initial?: TaskRestore): Promise<TaskRestore | undefined> {
    // A checkpoint whose acknowledgements were all in before the failover may still be being
    // stored: let it land first (failover() keeps a completion spanning it from being recorded, but
    // one already adding to the store finishes). Chosen before, the older one it subsumes would be
    // restored while its folder is being discarded (a restore that fails on missing state files).
    await Promise.allSettled([...this.storeOperations]);
    await this.loadSharedState();
    for (const c of await this.ctx.store.list()) {
      const path = (c.payload as { path: string }).path;
      try {
        const { metadata, dir } = await loadCheckpoint(path);
        this.stats.restored(metadata.checkpointId, dir);
        return taskRestoreOf(metadata, dir);
      } catch (e) {
        this.log.error(`checkpoint ${c.checkpointId} cannot be used: ${(e as Error).message}; trying an older one`);
        await this.dropCheckpoint(c.checkpointId);
      }
    }
    if (initial) this.stats.restored(initial.checkpointId, initial.baseDir);
    return initial;
  }

  /** Forgets a checkpoint that turned out to be unusable (a task failed reading it). */
  async dropCheckpoint(checkpointId: number): Promise<void> {
    const all = await this.ctx.store.list();
    const keep = all.filter((c) => c.checkpointId !== checkpointId);
    if (keep.length === all.length) return;
    await this.ctx.store.removeAll();
    for (const c of keep.reverse()) await this.ctx.store.add(c);
    this.releaseSharedState(checkpointId);
  }

  /**
   * Registers the shared files of the retained checkpoints, once per JobMaster: after a failover
   * the previous leader's registrations are known again before a checkpoint it retained is
   * subsumed. A checkpoint whose metadata cannot be read registers nothing (it cannot be restored).
   */
  private loadSharedState(): Promise<void> {
    this.sharedStateLoaded ??= (async () => {
      for (const c of await this.ctx.store.list()) {
        try {
          const metadata = await readMetadata((c.payload as { path: string }).path);
          this.sharedState.register(c.checkpointId, (metadata.sharedFiles ?? []).map((f) => f.file));
        } catch (e) {
          this.log.warn(`the shared state of checkpoint ${c.checkpointId} is not known: ${(e as Error).message}`);
        }
      }
    })().catch((e: Error) => {
      this.sharedStateLoaded = undefined;
      throw e;
    });
    return this.sharedStateLoaded;
  }

  /** Checkpoint `checkpointId` is no longer retained: shared files no retained checkpoint needs are deleted. */
  private releaseSharedState(checkpointId: number): void {
    const jobDir = jobCheckpointDir(this.ctx.settings.dir, this.ctx.jobId);
    for (const file of this.sharedState.release(checkpointId)) {
      const p = discardSharedFile(jobDir, file).finally(() => this.discarding.delete(p));
      this.discarding.add(p);
    }
  }

  private readonly discarding = new Set<Promise<void>>();

  /** Deletes a checkpoint folder in the background; shutdown() waits for what is still going on. */
  private discard(dir: string): void {
    const p = discardCheckpoint(dir).finally(() => this.discarding.delete(p));
    this.discarding.add(p);
  }

  /** The job reached a terminal state: clean up what the retention rules say. */
  async shutdown(status: "FINISHED" | "CANCELED" | "FAILED" | "SUSPENDED"): Promise<void> {
    this.isShutDown = true;
    this.stopPeriodic();
    this.abortAll(`job ${status}`);
    await Promise.allSettled([...this.storeOperations]);
    const keep = status === "FAILED" || status === "SUSPENDED" || (status === "CANCELED" && this.ctx.settings.retainOnCancellation);
    await Promise.all([...this.discarding]);
    if (keep) return;
    await this.ctx.store.removeAll();
    this.discard(jobCheckpointDir(this.ctx.settings.dir, this.ctx.jobId));
  }
}
