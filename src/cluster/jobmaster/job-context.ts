/**
 * What the JobMaster's states share (docs/architecture.md, "Job states"): the ExecutionGraph, the
 * offered slots, the TaskManager connections, the CheckpointCoordinator, the restart strategy and the
 * job's history (timestamps, exceptions, restarts). The states decide when; this class knows how —
 * deploy every task, cancel every task, declare resources, build the JobResult.
 */
import { accumulatorResultValue, mergeAccumulatorSnapshots } from "../../api/accumulators.js";
import type { RemoteGateway } from "../rpc/interface.js";
import { ENDPOINTS } from "../endpoints.js";
import type { ResourceManagerGateway } from "../resourcemanager/resource-manager-gateway.js";
import type { ExceptionInfo, JobResult, JobStatus, SlotOffer } from "../messages.js";
import { requiredSlots } from "../../graph/job-graph.js";
import { deploymentSharedId, encodeDeploymentShared, type DeploymentShared, type TaskMetrics, type TaskSubmission } from "../../runtime/tasks/deployment.js";
import { isTerminalExecutionState } from "../../runtime/tasks/deployment.js";
import type { RestartStrategyConfig } from "../../api/restart-strategy.js";
import type { Logger } from "../../util/logger.js";
import type { Clock } from "../../util/clock.js";
import type { IdSource } from "../../util/ids.js";
import { heartbeatSettings } from "../heartbeat.js";
import { deserializeError, type SerializedError } from "../../errors/serialized-error.js";
import { CorruptStateError } from "../../runtime/checkpoint/task-state.js";
import { ExecutionGraph, type Execution } from "./execution-graph.js";
import { assignSlots, type SlicePlacement } from "./slot-assignment.js";
import { localRecoveryEnabled } from "../../runtime/checkpoint/local/local-recovery-options.js";
import { createRestartStrategy, restartStrategyFor, type RestartDecision, type RestartStrategy } from "./restart-strategy.js";
import { CheckpointCoordinator, type CheckpointTask } from "./checkpoint-coordinator.js";
import { checkpointSettings } from "./checkpoint-settings.js";
import { CollectCoordinators } from "./collect-coordinators.js";
import { resolveStateBackend, type StateBackendSettings } from "../../runtime/state/state-backend-settings.js";
import { InMemoryCheckpointIdCounter, InMemoryCompletedCheckpointStore } from "../ha/standalone/in-memory-stores.js";
import { INITIAL_CHECKPOINT_ID } from "../ha/interface.js";
import type { TaskRestore } from "../../runtime/checkpoint/checkpoint-metadata.js";
import { TaskManagerConnections } from "./task-manager-connections.js";
import type { JobMasterOptions } from "./job-master.js";
import { reconcile, type Reconciliation } from "./task-executor-reconciliation.js";
import { OfferedSlots } from "./offered-slots.js";
import { TaskNotFoundError } from "../taskexecutor/task-executor-errors.js";
import type { HeldForJob } from "../messages.js";
import { SourceCoordinators } from "./source-coordinators.js";
import { coordinatorWorkerFactory } from "./coordinator-worker.js";
import { COORDINATOR_EVALUATION_TIMEOUT, COORDINATOR_HEAP_MB } from "./job-master-options.js";
import { readOption } from "../../config/config-option.js";

export class JobContext {
  readonly jobId: string;
  readonly log: Logger;
  readonly clock: Clock;
  readonly newId: IdSource | undefined;
  readonly graph: ExecutionGraph;
  readonly checkpoints: CheckpointCoordinator;
  readonly connections: TaskManagerConnections;
  /** The split enumerators of the job's sources, if any (docs/architecture.md, "Sources and split enumerators"). */
  readonly coordinators: SourceCoordinators;
  /** The coordinators of the collect sinks of collectAsync() and executeAndCollect(limit). */
  readonly collectCoordinators: CollectCoordinators;
  /** Slots needed to deploy every task (slot sharing). */
  readonly required: number;
  readonly timestamps: Partial<Record<JobStatus, number>> = {};
  readonly collected: Record<number, unknown[]> = {};
  readonly exceptions: ExceptionInfo[] = [];
  restarts = 0;
  statusMessage: string | undefined;
  /** The state the current attempt starts from. */
  currentRestore: TaskRestore | undefined;
  /** Set once the tasks' checkpoint bookkeeping shuts down (terminal state or suspension). */
  checkpointShutdown: Promise<void> | undefined;
  /** The failure that ends the job if the restart strategy gives up. */
  private failure: SerializedError | undefined;
  private readonly slots = new OfferedSlots();
  /** The current attempt's executions by TaskManager, as deployed. */
  private executionsOn = new Map<string, Execution[]>();
  /**
   * Allocations dropped with a TaskManager declared lost whose TaskExecutor may still hold them (the
   * farewell call may not have reached it): freed there once the TaskManager is connected again.
   */
  private readonly abandoned = new Map<string, string[]>();
  private readonly restartStrategy: RestartStrategy;
  /** The keyed state backend of every task: the job's choice over the client's and the cluster's configuration. */
  private readonly stateBackend: StateBackendSettings;
  /** Tasks keep local state copies: each attempt then goes back to the TaskManagers of the one before. */
  private readonly localRecovery: boolean;
  /** Where the last attempt's slices ran (with local recovery). */
  private placement: SlicePlacement | undefined;
  /** A damaged checkpoint being removed: the restart must not pick it again. */
  private droppingCheckpoint: Promise<void> = Promise.resolve();
  /** The ResourceManager's reason why no more slots come for now (its TaskManager limit), if any. */
  private resourceLimit: string | undefined;
  private rm: RemoteGateway<ResourceManagerGateway> | undefined;

  constructor(
    readonly options: JobMasterOptions,
    clock: Clock,
    /** The JobMaster's reaction to a lost TaskManager (a state event). */
    onTaskManagerLost: (taskManagerId: string, cause: string) => void,
    /** Too many checkpoints failed (a state event). */
    onCheckpointFailuresExceeded: (cause: Error) => void,
    /** A split enumerator failed (a state event). */
    onGlobalFailure: (error: SerializedError) => void,
  ) {
    this.jobId = options.jobId;
    this.clock = clock;
    this.newId = options.newId;
    this.log = options.logger.child(`JobMaster ${options.jobId.slice(0, 8)}`);
    this.graph = new ExecutionGraph(options.jobId, options.jobGraph, options.fencingToken, clock.now());
    this.required = requiredSlots(options.jobGraph);
    const settings = options.jobGraph.settings as { restartStrategy?: RestartStrategyConfig; checkpointInterval?: number };
    this.restartStrategy = createRestartStrategy(
      restartStrategyFor(settings.restartStrategy, options.config, (settings.checkpointInterval ?? 0) > 0),
    );
    this.coordinators = new SourceCoordinators({
      jobGraph: options.jobGraph,
      clock,
      log: this.log,
      createChannel:
        options.coordinatorChannel ??
        (options.bundlePath === undefined
          ? undefined
          : coordinatorWorkerFactory({ bundlePath: options.bundlePath, definition: options.definition, jobGraph: options.jobGraph, maxHeapMb: readOption(options.config, COORDINATOR_HEAP_MB) })),
      sendToReader: (vertexId, subtask, event) => {
        const e = this.graph.subtaskOf(vertexId, subtask);
        if (e && !isTerminalExecutionState(e.state)) this.connections.tell(e.taskManagerId, "sendOperatorEventToTask", (g) => g.sendOperatorEventToTask(e.executionId, event));
      },
      onFailure: onGlobalFailure,
      evaluationTimeoutMs: readOption(options.config, COORDINATOR_EVALUATION_TIMEOUT),
    });
    const cpSettings = checkpointSettings(options.jobGraph.settings as Record<string, unknown>, options.config);
    this.collectCoordinators = new CollectCoordinators(
      options.jobGraph,
      (vertexId, ack) => {
        const e = this.graph.subtaskOf(vertexId, 0);
        if (e && !isTerminalExecutionState(e.state)) this.connections.tell(e.taskManagerId, "sendOperatorEventToTask", (g) => g.sendOperatorEventToTask(e.executionId, ack));
      },
      cpSettings.intervalMs > 0 && cpSettings.mode === "exactly-once",
    );
    this.stateBackend = resolveStateBackend(options.jobGraph.settings as Record<string, unknown>, options.definition?.config, options.config);
    this.localRecovery = localRecoveryEnabled(options.definition?.config, options.config);
    this.checkpoints = new CheckpointCoordinator({
      jobId: this.jobId,
      settings: cpSettings,
      store: options.checkpointStore ?? new InMemoryCompletedCheckpointStore(this.jobId, cpSettings.retained, new Map()),
      counter: options.checkpointIdCounter ?? new InMemoryCheckpointIdCounter(this.jobId, { value: INITIAL_CHECKPOINT_ID }),
      logger: options.logger,
      tasks: () => this.checkpointTasks(),
      onTolerableFailuresExceeded: onCheckpointFailuresExceeded,
      clock,
      ...(this.coordinators.active ? { coordinators: this.coordinators } : {}),
    });
    this.connections = new TaskManagerConnections({
      jobId: this.jobId,
      rpc: options.rpc,
      clock,
      logger: this.log,
      heartbeat: heartbeatSettings(options.config),
      onLost: onTaskManagerLost,
      onMetrics: (metrics) => this.applyMetrics(metrics),
      fencingToken: options.fencingToken,
      onHeld: (id, held, requestedAt) => this.onHeld(id, held, requestedAt),
    });
  }

  get jobName(): string {
    return this.options.jobGraph.name;
  }

  now(): number {
    return this.clock.now();
  }

  // ---- resources ---------------------------------------------------------------------------------

  async declareResources(slots: number): Promise<void> {
    try {
      if (!this.rm) {
        const leader = await this.options.resourceManager();
        this.rm = await this.options.rpc.connect<ResourceManagerGateway>(leader.address, ENDPOINTS.resourceManager, {
          fencingToken: leader.sessionId,
        });
      }
      const status = await this.rm.gateway.declareRequiredResources(this.jobId, this.options.rpc.address, slots, this.options.fencingToken);
      this.resourceLimit = status?.limit;
    } catch (e) {
      this.log.warn(`declaring resources failed: ${(e as Error).message}`);
    }
  }

  /**
   * Takes offered slots up to the number the job needs; the rest are declined, so that their
   * TaskExecutor frees them for other jobs (the ResourceManager may hand a job more slots than it
   * needs, e.g. replacements for a TaskManager it thought lost that comes back with the originals).
   */
  acceptSlots(taskManagerId: string, taskExecutorAddress: string, dataAddress: string, offers: SlotOffer[]): SlotOffer[] {
    const accepted: SlotOffer[] = [];
    const acceptedAt = this.connections.mark();
    for (const o of offers) {
      if (!this.slots.has(o.allocationId) && this.slots.size >= this.required && !this.slots.at(taskManagerId, o.slotIndex)) continue;
      accepted.push(o);
      // A TaskExecutor slot holds one allocation: one offered under a new id replaces the stale one.
      const replaced = this.slots.add({ allocationId: o.allocationId, slotIndex: o.slotIndex, taskManagerId, acceptedAt });
      if (replaced) this.log.warn(`slot ${o.slotIndex} of TaskManager ${taskManagerId} is offered again under a new allocation; dropping allocation ${replaced.allocationId}`);
    }
    if (accepted.length > 0) {
      this.connections.connect(taskManagerId, taskExecutorAddress, dataAddress);
      for (const alloc of this.abandoned.get(taskManagerId) ?? []) {
        this.connections.tell(taskManagerId, "freeSlot", (g) => g.freeSlot(alloc, "the JobMaster dropped this allocation when it lost the TaskManager"));
      }
      this.abandoned.delete(taskManagerId);
    }
    return accepted;
  }

  hasEnoughSlots(): boolean {
    return this.slots.size >= this.required;
  }

  updateWaitingMessage(): void {
    const have = this.slots.size;
    const limit = this.resourceLimit ? `; ${this.resourceLimit}` : "";
    const msg = `waiting for resources: the job needs ${this.required} slot${this.required === 1 ? "" : "s"}, ${have} offered so far${limit}`;
    if (msg !== this.statusMessage) {
      this.statusMessage = msg;
      this.log.info(msg);
    }
  }

  /** Drops a lost TaskManager's connection and slots; returns its executions that were still going (now FAILED). */
  forgetTaskManager(taskManagerId: string, cause: string): Execution[] | undefined {
    const known = this.connections.remove(taskManagerId, (g) =>
      g.disconnectJobManager(this.jobId, `TaskManager ${taskManagerId} was declared lost: ${cause}`, this.options.fencingToken),
    );
    if (!known) return undefined;
    const dropped = this.abandoned.get(taskManagerId) ?? [];
    for (const s of this.slots.on(taskManagerId)) {
      this.slots.delete(s.allocationId);
      dropped.push(s.allocationId);
    }
    this.abandoned.set(taskManagerId, dropped);
    this.log.warn(`TaskManager ${taskManagerId} lost: ${cause}`);
    const affected = this.graph.executions.filter((e) => e.taskManagerId === taskManagerId && !isTerminalExecutionState(e.state));
    for (const e of affected) this.graph.setState(e, "FAILED", this.now());
    return affected;
  }

  // ---- executions ----------------------------------------------------------------------------------

  scheduleAll(): void {
    for (const e of this.graph.executions) this.graph.setState(e, "SCHEDULED", this.now());
  }

  /** The state the next attempt starts from: the newest intact checkpoint, else the initial savepoint. */
  async loadRestore(): Promise<TaskRestore | undefined> {
    await this.droppingCheckpoint;
    return this.checkpoints.latestRestore(this.options.initialRestore);
  }

  /** Deploys every task into the offered slots (slot sharing: slot i of a group holds subtask i of each of its vertices). */
  deployAll(): void {
    this.statusMessage = undefined;
    const { slotOf, locations, placement } = assignSlots(this.options.jobGraph, this.slots.values(), this.placement);
    if (this.localRecovery) this.placement = placement;
    const shared: DeploymentShared = {
      jobGraph: this.options.jobGraph,
      locations,
      dataAddresses: this.connections.dataAddresses(),
      bundle: { hash: this.options.bundleHash, path: "" },
      definition: this.options.definition,
    };
    if (this.stateBackend) shared.stateBackend = this.stateBackend;
    // Tasks wait for a final checkpoint only when one will come (docs/checkpoints.md, "The final checkpoint").
    const cp = this.checkpoints.settings;
    if (cp.checkpointsAfterTasksFinish && cp.intervalMs > 0) shared.finalCheckpoint = true;
    if (this.localRecovery) shared.localRecovery = true;
    this.coordinators.startAttempt(this.graph.attempt, this.currentRestore?.coordinators);
    if (this.currentRestore) {
      // The enumerators' states are the JobMaster's; the tasks get their operators' handles only.
      const { coordinators: _, ...forTasks } = this.currentRestore;
      shared.restore = forTasks;
    }
    // Encoded once, sent once per TaskManager: the location table grows with the job, so a copy in
    // every task's descriptor would make deployment quadratic.
    const encoded = encodeDeploymentShared(shared);
    const sharedId = deploymentSharedId(this.jobId, this.graph.attempt, this.options.fencingToken);
    const sentTo = new Set<string>();
    this.executionsOn = new Map();
    const now = this.now();
    for (const e of this.graph.executions) {
      const slot = slotOf(e.vertex.id, e.subtask);
      e.taskManagerId = slot.taskManagerId;
      const on = this.executionsOn.get(slot.taskManagerId);
      if (on) on.push(e);
      else this.executionsOn.set(slot.taskManagerId, [e]);
      this.graph.setState(e, "DEPLOYING", now);
      const submission: TaskSubmission = {
        jobId: this.jobId,
        executionId: e.executionId,
        attempt: e.attempt,
        vertexId: e.vertex.id,
        subtaskIndex: e.subtask,
        sharedId,
      };
      if (!sentTo.has(slot.taskManagerId)) {
        submission.shared = encoded;
        sentTo.add(slot.taskManagerId);
      }
      if (this.options.fencingToken !== undefined) submission.jobMasterToken = this.options.fencingToken;
      submission.allocationId = slot.allocationId;
      this.connections.request(slot.taskManagerId, (g) => g.submitTask(submission)).then(
        () => (e.deployedAt = this.connections.mark()),
        (err: Error) => this.onDeploymentFailed(e, err),
      );
    }
    this.log.info(`deployed ${this.graph.executions.length} tasks of attempt ${this.graph.attempt} into ${this.required} slots`);
  }

  /** Set by the JobMaster: a failed deployment is reported like a failed task. */
  onDeploymentFailed: (e: Execution, err: Error) => void = () => {};

  /** Cancels every execution that is still going; those never deployed are canceled at once. */
  cancelAllExecutions(): void {
    this.coordinators.stopAttempt();
    const now = this.now();
    for (const e of this.graph.executions) {
      if (isTerminalExecutionState(e.state)) continue;
      if (e.state === "CREATED" || e.state === "SCHEDULED" || !this.connections.has(e.taskManagerId ?? "")) {
        this.graph.setState(e, "CANCELED", now);
        continue;
      }
      this.graph.setState(e, "CANCELING", now);
      this.cancelTask(e);
    }
  }

  /** Cancels the task on its TaskExecutor; one that TaskExecutor does not have counts as CANCELED. */
  cancelTask(e: Execution): void {
    if (!this.connections.has(e.taskManagerId ?? "")) return;
    this.connections
      .request(e.taskManagerId, (g) => g.cancelTask(e.executionId))
      .catch((err: Error) => {
        if (err instanceof TaskNotFoundError) this.onExecutionReconciled(e, "CANCELED");
        else this.log.debug(`cancelTask on TaskManager ${e.taskManagerId} failed: ${err.message}`);
      });
  }

  /** Set by the JobMaster: an execution's state as learnt from its TaskExecutor other than by its own report. */
  onExecutionReconciled: (e: Execution, state: Execution["state"]) => void = () => {};

  /** A heartbeat answer says what a TaskExecutor holds for this job: bring the JobMaster's view in line. */
  private onHeld(taskManagerId: string, held: HeldForJob, requestedAt: number): void {
    const isCurrent = (id: string): boolean => {
      const e = this.graph.get(id);
      return e !== undefined && !isTerminalExecutionState(e.state);
    };
    const r: Reconciliation = reconcile(taskManagerId, held, requestedAt, this.executionsOn.get(taskManagerId) ?? [], isCurrent, this.slots.on(taskManagerId));
    for (const alloc of r.lostAllocations) {
      this.log.warn(`TaskManager ${taskManagerId} no longer holds allocation ${alloc}; dropping it`);
      this.slots.delete(alloc);
    }
    for (const id of r.unknown) {
      this.log.warn(`TaskManager ${taskManagerId} runs task ${id}, which this JobMaster does not; cancelling it`);
      this.connections.tell(taskManagerId, "cancelTask", (g) => g.cancelTask(id));
    }
    for (const { execution, state } of r.updates) {
      if (held.executions[execution.executionId] === undefined) this.log.warn(`TaskManager ${taskManagerId} no longer has task ${execution.executionId}: ${state}`);
      this.onExecutionReconciled(execution, state);
    }
  }

  newAttempt(): void {
    this.restarts++;
    this.graph.createAttempt(this.graph.attempt + 1, this.now());
  }

  private checkpointTasks(): CheckpointTask[] {
    const running = (e: Execution): boolean => e.state === "RUNNING" && this.acceptsCheckpoints();
    return this.graph.executions.map((e) => ({
      executionId: e.executionId,
      vertexId: e.vertex.id,
      isSource: e.vertex.isSource,
      running: running(e),
      finished: e.state === "FINISHED",
      trigger: (t) => this.connections.request(e.taskManagerId, (g) => g.triggerCheckpoint(e.executionId, t)),
      notifyComplete: (id) => this.connections.tell(e.taskManagerId, "notifyCheckpointComplete", (g) => g.notifyCheckpointComplete(e.executionId, id)),
      notifyAborted: (id) => this.connections.tell(e.taskManagerId, "notifyCheckpointAborted", (g) => g.notifyCheckpointAborted(e.executionId, id)),
    }));
  }

  /** Set by the JobMaster: whether the current state runs checkpoints. */
  acceptsCheckpoints: () => boolean = () => false;

  applyMetrics(metrics: Record<string, TaskMetrics>): void {
    for (const [id, m] of Object.entries(metrics)) {
      const e = this.graph.get(id);
      if (e) e.metrics = m;
    }
  }

  // ---- failures --------------------------------------------------------------------------------------

  /** Adds a failure to the exception history; `e` is the task it happened in, if it was one task's. */
  recordException(e: Execution | undefined, error: SerializedError, options: { nonFatal?: boolean } = {}): void {
    const info: ExceptionInfo = {
      exceptionName: error.name,
      message: error.message,
      stacktrace: error.stack ?? `${error.name}: ${error.message}`,
      timestamp: this.now(),
      ...(options.nonFatal ? { nonFatal: true } : {}),
    };
    if (e) {
      info.taskName = `${e.vertex.name} (${e.subtask + 1}/${e.vertex.parallelism})`;
      if (e.taskManagerId !== undefined) info.location = e.taskManagerId;
    }
    this.exceptions.push(info);
  }

  /** A failure of the whole job, not of one task (e.g. its checkpoint store cannot be read). */
  decideOnGlobalFailure(error: SerializedError): RestartDecision {
    this.recordException(undefined, error);
    this.checkpoints.failover(`job failure: ${error.message}`);
    this.failure = error;
    this.log.warn(`job failure: ${error.message}`);
    return this.restartStrategy.onFailure(this.now());
  }

  /**
   * A task failed while the job ran: checkpoints in flight are aborted, a checkpoint the task could
   * not read is never used again, and the restart strategy decides what happens next.
   */
  decideOnFailure(e: Execution, error: SerializedError): RestartDecision {
    this.checkpoints.failover(`task failure: ${error.message}`);
    if (this.currentRestore && deserializeError(error, e.executionId) instanceof CorruptStateError) {
      this.log.error(`checkpoint ${this.currentRestore.checkpointId} cannot be restored (${error.message}); trying an older one`);
      this.droppingCheckpoint = this.checkpoints.dropCheckpoint(this.currentRestore.checkpointId);
    }
    this.failure = error;
    this.log.warn(`task ${e.vertex.name} (${e.subtask + 1}/${e.vertex.parallelism}) failed: ${error.message}`);
    return this.restartStrategy.onFailure(this.now());
  }

  // ---- the end ---------------------------------------------------------------------------------------

  /** The job's result; FAILED carries the failure the restart strategy gave up on. */
  buildResult(state: JobStatus): JobResult {
    const counts = this.checkpoints.stats.snapshot().counts;
    return {
      jobId: this.jobId,
      state,
      collected: this.collected,
      failure: state === "FAILED" ? this.failure : undefined,
      startTime: this.timestamps.INITIALIZING ?? 0,
      endTime: this.timestamps[state] ?? this.now(),
      restarts: this.restarts,
      checkpoints: { completed: counts.completed, restored: counts.restored },
      accumulators: this.accumulatorResults(),
    };
  }

  /** The accumulators of the executions' final reports, merged (docs/architecture.md, "Accumulators"). */
  private accumulatorResults(): Record<string, unknown> {
    const { merged, problems } = mergeAccumulatorSnapshots(this.graph.executions.map((e) => e.metrics?.accumulators));
    for (const p of problems) this.log.error(`job ${this.jobId}: ${p}; it is left out of the job result`);
    return Object.fromEntries(Object.entries(merged).map(([name, s]) => [name, accumulatorResultValue(s)]));
  }

  /** Frees every slot and closes every connection once the job is globally terminal. */
  async releaseResources(status: JobStatus): Promise<void> {
    this.connections.stopHeartbeats();
    await this.coordinators.close();
    await this.declareResources(0);
    for (const slot of this.slots.clear()) {
      await this.connections.request(slot.taskManagerId, (g) => g.freeSlot(slot.allocationId, `job ${status}`)).catch(() => {});
    }
    this.connections.closeAll();
    this.rm?.close();
  }

  /**
   * Leadership is gone: cancel this JobMaster's own executions and free its own slots (ids unique to
   * this term, so nothing of a newer JobMaster is touched), then close the connections once those
   * calls went out.
   */
  releaseAfterSuspension(cause: string, closeDelayMs: number): void {
    this.connections.stopHeartbeats();
    void this.coordinators.close();
    const now = this.now();
    for (const e of this.graph.executions) {
      if (isTerminalExecutionState(e.state)) continue;
      if (e.state !== "CREATED" && e.state !== "SCHEDULED") this.cancelTask(e);
      this.graph.setState(e, "CANCELED", now);
    }
    for (const slot of this.slots.clear()) {
      this.connections.tell(slot.taskManagerId, "freeSlot", (g) => g.freeSlot(slot.allocationId, `JobMaster suspended: ${cause}`));
    }
    this.clock.setTimeout(() => {
      this.connections.closeAll();
      this.rm?.close();
    }, closeDelayMs);
  }
}
