/**
 * The JobMaster of one job: builds the ExecutionGraph, declares the slots it needs to the
 * ResourceManager, deploys all tasks once enough slots are offered (slot sharing: slot i of a
 * sharing group holds subtask i of every vertex in it), tracks task states, and on a task failure
 * cancels everything and restarts through the restart strategy, or fails the job.
 */
import type { RemoteGateway, RpcService, ServedEndpoint } from "../rpc/interface.js";
import { ENDPOINTS } from "../endpoints.js";
import type { JobMasterGateway } from "./job-master-gateway.js";
import type { ResourceManagerGateway } from "../resourcemanager/resource-manager-gateway.js";
import type { TaskExecutorGateway } from "../taskexecutor/task-executor-gateway.js";
import type { ExceptionInfo, JobDetails, JobResult, JobStatus, SlotOffer } from "../messages.js";
import { isGloballyTerminal } from "../messages.js";
import { requiredSlots, type JobGraph } from "../../graph/job-graph.js";
import type { SerializedError } from "../../errors/serialized-error.js";
import type { DefinitionInputs, ExecutionState, TaskDeploymentDescriptor, TaskMetrics } from "../../runtime/tasks/deployment.js";
import { isTerminalExecutionState } from "../../runtime/tasks/deployment.js";
import type { RestartStrategyConfig } from "../../api/restart-strategy.js";
import type { Logger } from "../../util/logger.js";
import { HeartbeatMonitor, heartbeatSettings } from "../heartbeat.js";
import { ExecutionGraph, type Execution } from "./execution-graph.js";
import { assignSlots } from "./slot-assignment.js";
import { createRestartStrategy, restartStrategyFor, type RestartStrategy } from "./restart-strategy.js";
import { CheckpointCoordinator, type CheckpointTask } from "./checkpoint-coordinator.js";
import { checkpointSettings } from "./checkpoint-settings.js";
import { resolveStateBackend, type StateBackendSettings } from "../../runtime/state/state-backend-settings.js";
import type { CheckpointIdCounter, CompletedCheckpointStore } from "../ha/interface.js";
import { InMemoryCheckpointIdCounter, InMemoryCompletedCheckpointStore } from "../ha/standalone/in-memory-stores.js";
import { INITIAL_CHECKPOINT_ID } from "../ha/interface.js";
import type { TaskCheckpointAck, TaskRestore } from "../../runtime/checkpoint/checkpoint-metadata.js";

export interface JobMasterOptions {
  jobId: string;
  jobGraph: JobGraph;
  bundleHash: string;
  definition: DefinitionInputs;
  rpc: RpcService;
  resourceManager: () => Promise<{ address: string; sessionId: string }>;
  config: Readonly<Record<string, string>>;
  logger: Logger;
  /** Where completed checkpoints are recorded (in ZooKeeper with HA); in memory by default. */
  checkpointStore?: CompletedCheckpointStore;
  checkpointIdCounter?: CheckpointIdCounter;
  /** A savepoint (or retained checkpoint) to start from, already checked by the Dispatcher. */
  initialRestore?: TaskRestore;
  /**
   * The leader session id of the JobManager term this JobMaster runs in. It fences the JobMaster's
   * endpoint (TaskExecutors must present it), travels with the slot requirements and deployments
   * so that TaskExecutors reject a stale JobMaster, and makes execution ids unique per term.
   */
  fencingToken?: string;
}

interface OfferedSlot {
  allocationId: string;
  slotIndex: number;
  taskManagerId: string;
  taskExecutorAddress: string;
}

interface ConnectedTaskManager {
  remote: Promise<RemoteGateway<TaskExecutorGateway>>;
  dataAddress: string;
}

export class JobMaster implements JobMasterGateway {
  readonly jobId: string;
  private status: JobStatus = "INITIALIZING";
  private readonly timestamps: Partial<Record<JobStatus, number>> = {};
  private readonly graph: ExecutionGraph;
  private readonly slots = new Map<string, OfferedSlot>();
  private readonly taskManagers = new Map<string, ConnectedTaskManager>();
  private readonly collected: Record<number, unknown[]> = {};
  private readonly exceptions: ExceptionInfo[] = [];
  private readonly restartStrategy: RestartStrategy;
  private readonly required: number;
  private readonly log: Logger;
  private endpoint: ServedEndpoint | undefined;
  private rm: RemoteGateway<ResourceManagerGateway> | undefined;
  private deployed = false;
  private failure: SerializedError | undefined;
  private statusMessage: string | undefined;
  /** The ResourceManager's reason why no more slots come for now (its TaskManager limit), if any. */
  private resourceLimit: string | undefined;
  private restarts = 0;
  private metricsTimer: NodeJS.Timeout | undefined;
  /**
   * Heartbeats to the TaskManagers holding this job's slots. A killed TaskManager is noticed at once
   * through its lost connection; the timeout catches one that is alive but silent (frozen, partitioned).
   */
  private readonly heartbeats: HeartbeatMonitor;
  private resolveResult!: (r: JobResult) => void;
  readonly checkpoints: CheckpointCoordinator;
  /** The state the current attempt started from. */
  private currentRestore: TaskRestore | undefined;
  /** The keyed state backend of every task: the job's choice over the client's and the cluster's configuration. */
  private readonly stateBackend: StateBackendSettings;
  /** A damaged checkpoint being removed: the restart must not pick it again. */
  private droppingCheckpoint: Promise<void> = Promise.resolve();
  readonly result: Promise<JobResult>;
  /** Set once suspended (leadership lost): the endpoint rejects every call from then on. */
  private suspended = false;
  /** Settles once the CheckpointCoordinator has shut down after a terminal state or suspension. */
  private checkpointShutdown: Promise<void> | undefined;

  constructor(private readonly options: JobMasterOptions) {
    this.jobId = options.jobId;
    this.log = options.logger.child(`JobMaster ${options.jobId.slice(0, 8)}`);
    this.graph = new ExecutionGraph(options.jobId, options.jobGraph, options.fencingToken);
    this.required = requiredSlots(options.jobGraph);
    const settings = options.jobGraph.settings as { restartStrategy?: RestartStrategyConfig; checkpointInterval?: number };
    this.restartStrategy = createRestartStrategy(
      restartStrategyFor(settings.restartStrategy, options.config, (settings.checkpointInterval ?? 0) > 0),
    );
    this.result = new Promise((resolve) => (this.resolveResult = resolve));
    const cpSettings = checkpointSettings(options.jobGraph.settings as Record<string, unknown>, options.config);
    this.stateBackend = resolveStateBackend(options.jobGraph.settings as Record<string, unknown>, options.definition?.config, options.config);
    this.checkpoints = new CheckpointCoordinator({
      jobId: this.jobId,
      settings: cpSettings,
      store: options.checkpointStore ?? new InMemoryCompletedCheckpointStore(this.jobId, cpSettings.retained, new Map()),
      counter: options.checkpointIdCounter ?? new InMemoryCheckpointIdCounter(this.jobId, { value: INITIAL_CHECKPOINT_ID }),
      logger: options.logger,
      tasks: () => this.checkpointTasks(),
      onTolerableFailuresExceeded: (cause) => {
        const running = this.graph.executions.find((e) => e.state === "RUNNING");
        if (running) this.onTaskFailure(running, { name: "CheckpointFailureError", message: cause.message });
      },
    });
    this.heartbeats = new HeartbeatMonitor(heartbeatSettings(options.config), (id, ms) =>
      this.onTaskManagerLost(id, `heartbeat timed out: no answer for ${ms} ms`),
    );
    this.transition("INITIALIZING");
  }

  get address(): string {
    return this.options.rpc.address;
  }

  async start(): Promise<void> {
    const token = this.options.fencingToken;
    this.endpoint = this.options.rpc.serve(
      ENDPOINTS.jobMaster(this.jobId),
      this as JobMasterGateway,
      token === undefined ? {} : { fencingToken: () => (this.suspended ? undefined : token) },
    );
    this.transition("CREATED");
    this.transition("RUNNING");
    for (const e of this.graph.executions) this.graph.setState(e, "SCHEDULED");
    // A recovered job (HA) resumes from its newest checkpoint, a new one from its savepoint, if any.
    this.currentRestore = await this.checkpoints.latestRestore(this.options.initialRestore);
    if (this.suspended) return;
    if (this.currentRestore) this.log.info(`job ${this.options.jobGraph.name} (${this.jobId}) starts from checkpoint ${this.currentRestore.checkpointId}`);
    await this.declareResources(this.required);
    this.updateWaitingMessage();
    const interval = Number(this.options.config["metrics.fetcher.update-interval"] ?? 1000);
    this.metricsTimer = setInterval(() => void this.fetchMetrics(), interval);
    this.metricsTimer.unref();
  }

  // ---- JobMasterGateway --------------------------------------------------------------------------

  offerSlots(taskManagerId: string, taskExecutorAddress: string, dataAddress: string, offers: SlotOffer[]): SlotOffer[] {
    if (isGloballyTerminal(this.status) || this.status === "CANCELLING" || this.status === "FAILING" || this.suspended) return [];
    if (!this.taskManagers.has(taskManagerId)) this.connectTaskManager(taskManagerId, taskExecutorAddress, dataAddress);
    for (const o of offers) this.slots.set(o.allocationId, { ...o, taskManagerId, taskExecutorAddress });
    this.tryDeploy();
    return offers;
  }

  updateTaskExecutionState(executionId: string, state: ExecutionState, error?: SerializedError, metrics?: TaskMetrics): void {
    const e = this.graph.get(executionId);
    if (!e || isTerminalExecutionState(e.state)) return;
    if (metrics) e.metrics = metrics;
    if (e.state === "CANCELING" && !isTerminalExecutionState(state)) {
      // The cancel overtook the deployment (the TaskExecutor did not know the task yet and ignored
      // it): the task runs now, so cancel it again rather than wait for it forever.
      const tm = e.taskManagerId ? this.taskManagers.get(e.taskManagerId) : undefined;
      void tm?.remote.then((g) => g.gateway.cancelTask(executionId)).catch(() => {});
      return;
    }
    this.graph.setState(e, state);
    if (state === "FAILED") this.onTaskFailure(e, error ?? { name: "Error", message: "task failed" });
    else this.checkProgress();
  }

  acknowledgeCheckpoint(executionId: string, checkpointId: number, ack: TaskCheckpointAck): void {
    this.checkpoints.acknowledge(executionId, checkpointId, ack);
  }

  declineCheckpoint(executionId: string, checkpointId: number, reason: SerializedError): void {
    this.checkpoints.decline(executionId, checkpointId, reason);
  }

  collect(executionId: string, nodeId: number, values: unknown[]): void {
    if (!this.graph.get(executionId)) return;
    (this.collected[nodeId] ??= []).push(...values);
  }

  disconnectTaskManager(taskManagerId: string, cause: string): void {
    this.onTaskManagerLost(taskManagerId, cause);
  }

  // ---- control from the Dispatcher ---------------------------------------------------------------

  cancel(): void {
    if (isGloballyTerminal(this.status) || this.status === "CANCELLING" || this.suspended) return;
    this.transition("CANCELLING");
    this.cancelAllExecutions();
    this.checkProgress();
  }

  details(): JobDetails {
    const now = Date.now();
    const start = this.timestamps.INITIALIZING ?? now;
    const end = isGloballyTerminal(this.status) ? (this.timestamps[this.status] ?? now) : -1;
    return {
      jid: this.jobId,
      name: this.options.jobGraph.name,
      state: this.status,
      startTime: start,
      endTime: end,
      duration: (end >= 0 ? end : now) - start,
      now,
      timestamps: { ...this.timestamps },
      vertices: this.graph.vertexInfos(),
      statusCounts: this.graph.statusCounts(),
      jobGraph: this.options.jobGraph,
      statusMessage: this.statusMessage,
      restarts: this.restarts,
    };
  }

  /** Triggers a savepoint; with `stop` the sources end after it and the job finishes. */
  triggerSavepoint(dir: string | undefined, stop?: "terminate" | "drain"): Promise<string> {
    if (this.status !== "RUNNING") return Promise.reject(new Error(`job is ${this.status}, not RUNNING`));
    return this.checkpoints.triggerSavepoint({ dir, stop });
  }

  exceptionHistory(): ExceptionInfo[] {
    return [...this.exceptions];
  }

  get jobStatus(): JobStatus {
    return this.status;
  }

  // ---- scheduling --------------------------------------------------------------------------------

  private async declareResources(slots: number): Promise<void> {
    try {
      if (!this.rm) {
        const leader = await this.options.resourceManager();
        this.rm = await this.options.rpc.connect<ResourceManagerGateway>(leader.address, ENDPOINTS.resourceManager, {
          fencingToken: leader.sessionId,
        });
      }
      const status = await this.rm.gateway.declareRequiredResources(this.jobId, this.address, slots, this.options.fencingToken);
      this.resourceLimit = status?.limit;
      if (slots > 0) this.updateWaitingMessage();
    } catch (e) {
      this.log.warn(`declaring resources failed: ${(e as Error).message}`);
    }
  }

  private updateWaitingMessage(): void {
    if (this.deployed || this.status !== "RUNNING") return;
    const have = this.slots.size;
    const limit = this.resourceLimit ? `; ${this.resourceLimit}` : "";
    const msg = `waiting for resources: the job needs ${this.required} slot${this.required === 1 ? "" : "s"}, ${have} offered so far${limit}`;
    if (msg !== this.statusMessage) {
      this.statusMessage = msg;
      this.log.info(msg);
    }
  }

  /** Deploys every task once the slots for all of them are there. */
  private tryDeploy(): void {
    if (this.deployed || this.status !== "RUNNING") return;
    if (this.slots.size < this.required) {
      this.updateWaitingMessage();
      return;
    }
    this.deployed = true;
    this.statusMessage = undefined;
    const { slotOf, locations } = assignSlots(this.options.jobGraph, this.slots.values());
    const dataAddresses: Record<string, string> = {};
    for (const [id, tm] of this.taskManagers) dataAddresses[id] = tm.dataAddress;
    for (const e of this.graph.executions) {
      const slot = slotOf(e.vertex.id, e.subtask);
      e.taskManagerId = slot.taskManagerId;
      this.graph.setState(e, "DEPLOYING");
      const tdd: TaskDeploymentDescriptor = {
        jobId: this.jobId,
        executionId: e.executionId,
        attempt: e.attempt,
        vertexId: e.vertex.id,
        subtaskIndex: e.subtask,
        jobGraph: this.options.jobGraph,
        locations,
        dataAddresses,
        bundle: { hash: this.options.bundleHash, path: "" },
        definition: this.options.definition,
        stateBackend: this.stateBackend,
      };
      if (this.currentRestore) tdd.restore = this.currentRestore;
      if (this.options.fencingToken !== undefined) tdd.jobMasterToken = this.options.fencingToken;
      const tm = this.taskManagers.get(slot.taskManagerId);
      void tm?.remote
        .then((g) => g.gateway.submitTask(tdd))
        .catch((err: Error) => this.updateTaskExecutionState(e.executionId, "FAILED", { name: err.name, message: `deployment failed: ${err.message}`, stack: err.stack }));
    }
    this.log.info(`deployed ${this.graph.executions.length} tasks of attempt ${this.graph.attempt} into ${this.required} slots`);
  }

  private checkpointTasks(): CheckpointTask[] {
    return this.graph.executions.map((e) => {
      const tm = e.taskManagerId ? this.taskManagers.get(e.taskManagerId) : undefined;
      const call = (f: (g: TaskExecutorGateway) => unknown): Promise<void> =>
        tm ? tm.remote.then((r) => f(r.gateway as unknown as TaskExecutorGateway)).then(() => undefined) : Promise.reject(new Error("task not deployed"));
      return {
        executionId: e.executionId,
        isSource: e.vertex.isSource,
        running: e.state === "RUNNING" && this.status === "RUNNING",
        trigger: (t) => call((g) => g.triggerCheckpoint(e.executionId, t)),
        notifyComplete: (id) => void call((g) => g.notifyCheckpointComplete(e.executionId, id)).catch(() => {}),
        notifyAborted: (id) => void call((g) => g.notifyCheckpointAborted(e.executionId, id)).catch(() => {}),
      };
    });
  }

  private connectTaskManager(id: string, address: string, dataAddress: string): void {
    const remote = this.options.rpc.connect<TaskExecutorGateway>(address, ENDPOINTS.taskExecutor);
    this.taskManagers.set(id, { remote, dataAddress });
    remote.then(
      (g) => g.onDisconnect((cause) => this.onTaskManagerLost(id, `connection lost: ${cause.message}`)),
      (err: Error) => this.onTaskManagerLost(id, `cannot connect: ${err.message}`),
    );
    this.heartbeats.monitor(id, async () => {
      const { metrics } = await (await remote).gateway.heartbeatFromJobManager(this.jobId);
      this.applyMetrics(metrics);
    });
  }

  private applyMetrics(metrics: Record<string, TaskMetrics>): void {
    for (const [id, m] of Object.entries(metrics)) {
      const e = this.graph.get(id);
      if (e) e.metrics = m;
    }
  }

  private async fetchMetrics(): Promise<void> {
    for (const [, tm] of this.taskManagers) {
      try {
        const { metrics } = await (await tm.remote).gateway.heartbeatFromJobManager(this.jobId);
        this.applyMetrics(metrics);
      } catch {
        // A TaskManager that does not answer is handled by its disconnect.
      }
    }
  }

  // ---- failures and termination --------------------------------------------------------------------

  private onTaskManagerLost(id: string, cause: string): void {
    const tm = this.taskManagers.get(id);
    if (!tm) return;
    this.taskManagers.delete(id);
    this.heartbeats.unmonitor(id);
    for (const [alloc, s] of this.slots) if (s.taskManagerId === id) this.slots.delete(alloc);
    this.log.warn(`TaskManager ${id} lost: ${cause}`);
    // A TaskManager that is only silent (frozen) gets this when it wakes up and frees the job's
    // slots; then the connection is dropped. A dead one fails the call at once.
    void tm.remote
      .then((g) => g.gateway.disconnectJobManager(this.jobId, `TaskManager ${id} was declared lost: ${cause}`, this.options.fencingToken).finally(() => g.close()))
      .catch(() => {});
    const affected = this.graph.executions.filter((e) => e.taskManagerId === id && !isTerminalExecutionState(e.state));
    for (const e of affected) this.graph.setState(e, "FAILED");
    if (affected.length > 0) this.onTaskFailure(affected[0]!, { name: "TaskManagerLostError", message: `TaskManager ${id} was lost: ${cause}` });
    else this.checkProgress();
  }

  private onTaskFailure(e: Execution, error: SerializedError): void {
    this.exceptions.push({
      exceptionName: error.name,
      message: error.message,
      stacktrace: error.stack ?? `${error.name}: ${error.message}`,
      timestamp: Date.now(),
      taskName: `${e.vertex.name} (${e.subtask + 1}/${e.vertex.parallelism})`,
      location: e.taskManagerId,
    });
    if (this.status !== "RUNNING") {
      this.checkProgress();
      return;
    }
    this.checkpoints.abortAll(`task failure: ${error.message}`);
    // A task that cannot read its state: never restart from that checkpoint again.
    if (error.name === "CorruptStateError" && this.currentRestore) {
      this.log.error(`checkpoint ${this.currentRestore.checkpointId} cannot be restored (${error.message}); trying an older one`);
      this.droppingCheckpoint = this.checkpoints.dropCheckpoint(this.currentRestore.checkpointId);
    }
    this.failure = error;
    const decision = this.restartStrategy.onFailure(Date.now());
    this.log.warn(`task ${e.vertex.name} (${e.subtask + 1}/${e.vertex.parallelism}) failed: ${error.message}`);
    this.transition(decision.restart ? "RESTARTING" : "FAILING");
    this.cancelAllExecutions();
    if (decision.restart) this.scheduleRestart(decision.delayMs);
    else this.checkProgress();
  }

  private scheduleRestart(delayMs: number): void {
    const waitForCancellation = (): void => {
      if (this.status !== "RESTARTING") return;
      if (!this.graph.allTerminal()) {
        setTimeout(waitForCancellation, 10);
        return;
      }
      setTimeout(async () => {
        if (this.status !== "RESTARTING") return;
        await this.droppingCheckpoint;
        this.currentRestore = await this.checkpoints.latestRestore(this.options.initialRestore);
        if (this.status !== "RESTARTING") return;
        this.restarts++;
        this.graph.createAttempt(this.graph.attempt + 1);
        this.deployed = false;
        this.transition("RUNNING");
        for (const e of this.graph.executions) this.graph.setState(e, "SCHEDULED");
        void this.declareResources(this.required);
        this.tryDeploy();
      }, delayMs);
    };
    waitForCancellation();
  }

  private cancelAllExecutions(): void {
    for (const e of this.graph.executions) {
      if (isTerminalExecutionState(e.state)) continue;
      if (e.state === "CREATED" || e.state === "SCHEDULED") {
        this.graph.setState(e, "CANCELED");
        continue;
      }
      this.graph.setState(e, "CANCELING");
      const tm = e.taskManagerId ? this.taskManagers.get(e.taskManagerId) : undefined;
      if (!tm) this.graph.setState(e, "CANCELED");
      else void tm.remote.then((g) => g.gateway.cancelTask(e.executionId)).catch(() => {});
    }
  }

  private checkProgress(): void {
    if (this.status === "RUNNING" && this.graph.allIn("RUNNING")) this.checkpoints.startPeriodic();
    if (this.status === "RUNNING" && this.graph.allIn("FINISHED")) this.terminate("FINISHED");
    else if (this.status === "CANCELLING" && this.graph.allTerminal()) this.terminate("CANCELED");
    else if (this.status === "FAILING" && this.graph.allTerminal()) this.terminate("FAILED");
  }

  private terminate(status: JobStatus): void {
    this.transition(status);
    this.statusMessage = undefined;
    this.checkpointShutdown = this.checkpoints.shutdown(status as "FINISHED" | "CANCELED" | "FAILED").catch((e: Error) => {
      this.log.warn(`checkpoint shutdown after ${status}: ${e.message}`);
    });
    if (this.metricsTimer) clearInterval(this.metricsTimer);
    void this.fetchMetrics().finally(() => this.releaseResources());
    this.log.info(`job ${this.options.jobGraph.name} (${this.jobId}) ${status}`);
    // The result is announced once checkpoint files are where the retention rules put them.
    const result: JobResult = {
      jobId: this.jobId,
      state: status,
      collected: this.collected,
      failure: status === "FAILED" ? this.failure : undefined,
      startTime: this.timestamps.INITIALIZING ?? 0,
      endTime: this.timestamps[status] ?? Date.now(),
      restarts: this.restarts,
      checkpoints: { completed: this.checkpoints.stats.snapshot().counts.completed, restored: this.checkpoints.stats.snapshot().counts.restored },
    };
    void this.checkpointShutdown.then(() => this.resolveResult(result));
  }

  /**
   * Leadership is gone (docs/architecture.md, "High availability"): stop acting at once, keep every piece of HA data (the
   * job goes on under the next leader, from its newest checkpoint), cancel this JobMaster's own
   * executions and free its own slots (ids unique to this term, so nothing of a newer JobMaster is
   * touched), and end with SUSPENDED, which is not globally terminal.
   */
  suspend(cause: string): void {
    if (this.suspended || isGloballyTerminal(this.status)) return;
    this.suspended = true;
    this.endpoint?.close();
    this.log.warn(`job ${this.options.jobGraph.name} (${this.jobId}) suspended: ${cause}`);
    this.checkpointShutdown = this.checkpoints.shutdown("SUSPENDED").catch(() => {});
    if (this.metricsTimer) clearInterval(this.metricsTimer);
    this.heartbeats.stop();
    this.transition("SUSPENDED");
    this.statusMessage = undefined;
    for (const e of this.graph.executions) {
      if (isTerminalExecutionState(e.state)) continue;
      const tm = e.taskManagerId ? this.taskManagers.get(e.taskManagerId) : undefined;
      if (tm && e.state !== "CREATED" && e.state !== "SCHEDULED") void tm.remote.then((g) => g.gateway.cancelTask(e.executionId)).catch(() => {});
      this.graph.setState(e, "CANCELED");
    }
    for (const [alloc, slot] of this.slots) {
      void this.taskManagers.get(slot.taskManagerId)?.remote.then((g) => g.gateway.freeSlot(alloc, `JobMaster suspended: ${cause}`)).catch(() => {});
    }
    this.slots.clear();
    // Let the cancel and free calls go out before the connections close.
    setTimeout(() => {
      for (const tm of this.taskManagers.values()) void tm.remote.then((g) => g.close()).catch(() => {});
      this.taskManagers.clear();
      this.rm?.close();
    }, 1000).unref();
    this.resolveResult({
      jobId: this.jobId,
      state: "SUSPENDED",
      collected: this.collected,
      startTime: this.timestamps.INITIALIZING ?? 0,
      endTime: this.timestamps.SUSPENDED ?? Date.now(),
      restarts: this.restarts,
      checkpoints: { completed: this.checkpoints.stats.snapshot().counts.completed, restored: this.checkpoints.stats.snapshot().counts.restored },
    });
  }

  /** Settles once the job's checkpoint bookkeeping has stopped (after a terminal state or suspension). */
  async checkpointsShutDown(): Promise<void> {
    await this.checkpointShutdown;
  }

  private async releaseResources(): Promise<void> {
    this.heartbeats.stop();
    await this.declareResources(0);
    for (const [alloc, slot] of this.slots) {
      const tm = this.taskManagers.get(slot.taskManagerId);
      await tm?.remote.then((g) => g.gateway.freeSlot(alloc, `job ${this.status}`)).catch(() => {});
    }
    this.slots.clear();
    for (const tm of this.taskManagers.values()) void tm.remote.then((g) => g.close()).catch(() => {});
    this.taskManagers.clear();
    this.rm?.close();
    this.endpoint?.close();
  }

  private transition(status: JobStatus): void {
    this.status = status;
    this.timestamps[status] = Date.now();
  }
}
