/**
 * The JobMaster of one job (docs/architecture.md, "Job states"): an explicit state machine after
 * Flink's AdaptiveScheduler. It serves the JobMasterGateway, keeps the ExecutionGraph current with
 * what the TaskExecutors report, and hands every event to its current state (states/): created →
 * waiting for resources → executing → restarting / failing / canceling → finished / failed /
 * canceled, or suspended when leadership is lost. `goTo` enforces the transition table and
 * `runIfState` makes a timer or continuation of a state that has been left a no-op.
 */
import type { RpcService, ServedEndpoint } from "../rpc/interface.js";
import { ENDPOINTS } from "../endpoints.js";
import type { JobMasterGateway } from "./job-master-gateway.js";
import type { ExceptionInfo, JobDetails, JobResult, JobStatus, SlotOffer, VertexCpuSamples } from "../messages.js";
import type { CpuSampleRequest } from "../../runtime/worker/cpu-sampler.js";
import { isGloballyTerminal } from "../messages.js";
import type { JobGraph } from "../../graph/job-graph.js";
import type { DefinitionInputs, ExecutionState, TaskMetrics } from "../../runtime/tasks/deployment.js";
import { isTerminalExecutionState } from "../../runtime/tasks/deployment.js";
import type { Logger } from "../../util/logger.js";
import { systemClock, type Clock, type Timer } from "../../util/clock.js";
import type { IdSource } from "../../util/ids.js";
import { readOption } from "../../config/config-option.js";
import { serializeError, type SerializedError } from "../../errors/serialized-error.js";
import type { CheckpointIdCounter, CompletedCheckpointStore } from "../ha/interface.js";
import type { TaskCheckpointAck, TaskRestore } from "../../runtime/checkpoint/checkpoint-metadata.js";
import type { CheckpointCoordinator } from "./checkpoint-coordinator.js";
import type { Execution } from "./execution-graph.js";
import { JobContext } from "./job-context.js";
import { TaskManagerLostError } from "./job-failures.js";
import { TaskNotFoundError } from "../taskexecutor/task-executor-errors.js";
import { METRICS_FETCH_INTERVAL } from "./job-master-options.js";
import type { JobState, StateHost } from "./states/job-state.js";
import { checkTransition, type JobStateName } from "./states/transitions.js";
import { Created } from "./states/created.js";
import type { CoordinatorChannelFactory } from "./source-coordinators.js";
import type { OperatorEventToCoordinator } from "../../runtime/coordination/operator-events.js";
import type { CollectResponse } from "../../runtime/coordination/collect-protocol.js";

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
  /** Time and timers (restart delays, heartbeats, checkpoints); the system clock by default. */
  clock?: Clock;
  /** Where generated ids come from (the deterministic simulation passes a seeded source). */
  newId?: IdSource;
  /**
   * The job bundle's local path, for the coordinator worker that runs the job's split enumerators
   * (docs/architecture.md, "Sources and split enumerators"); needed only by jobs with such sources.
   */
  bundlePath?: string;
  /** Starts the coordinator worker; by default a worker thread on `bundlePath`. Tests pass doubles. */
  coordinatorChannel?: CoordinatorChannelFactory;
}

export class JobMaster implements JobMasterGateway {
  readonly jobId: string;
  readonly result: Promise<JobResult>;
  private readonly job: JobContext;
  private readonly clock: Clock;
  private state: JobState;
  private endpoint: ServedEndpoint | undefined;
  private metricsTimer: Timer | undefined;
  private resolveResult!: (r: JobResult) => void;
  private readonly host: StateHost;

  constructor(private readonly options: JobMasterOptions) {
    this.jobId = options.jobId;
    this.clock = options.clock ?? systemClock;
    this.result = new Promise((resolve) => (this.resolveResult = resolve));
    this.job = new JobContext(
      options,
      this.clock,
      (id, cause) => this.onTaskManagerLost(id, cause),
      (cause) => this.state.onCheckpointFailuresExceeded(cause),
      (error) => this.state.onGlobalFailure(error),
    );
    this.job.onDeploymentFailed = (e, err) =>
      this.updateTaskExecutionState(e.executionId, "FAILED", { ...serializeError(err), message: `deployment failed: ${err.message}` });
    this.job.acceptsCheckpoints = () => this.state.runsCheckpoints;
    this.job.onExecutionReconciled = (e, state) => {
      if (this.job.graph.get(e.executionId) !== e) return;
      const error = state === "FAILED" ? serializeError(new TaskNotFoundError(`TaskManager ${e.taskManagerId} no longer has the task`)) : undefined;
      this.updateTaskExecutionState(e.executionId, state, error);
    };
    this.host = {
      job: this.job,
      goTo: (next) => this.goTo(next),
      startServing: () => this.startServing(),
      runIfState: (state, fn, delayMs) => this.runIfState(state, fn, delayMs),
      stopPeriodicWork: () => this.metricsTimer?.cancel(),
      closeEndpoint: () => this.endpoint?.close(),
      resolveResult: (r) => this.resolveResult(r),
    };
    this.state = new Created(this.host);
    this.job.timestamps.INITIALIZING = this.clock.now();
  }

  get address(): string {
    return this.options.rpc.address;
  }

  get checkpoints(): CheckpointCoordinator {
    return this.job.checkpoints;
  }

  get jobStatus(): JobStatus {
    return this.state.jobStatus;
  }

  /** The name of the current state (finer than jobStatus: waiting for resources and executing both report RUNNING). */
  get stateName(): JobStateName {
    return this.state.name;
  }

  /** Serves the endpoint, then waits for resources; settles once the start state is loaded and the slots are declared. */
  start(): Promise<void> {
    return this.state.start();
  }

  /** The JobMaster goes live: its endpoint is served and the metrics of its tasks fetched periodically. */
  private startServing(): void {
    const token = this.options.fencingToken;
    this.endpoint = this.options.rpc.serve(
      ENDPOINTS.jobMaster(this.jobId),
      this as JobMasterGateway,
      token === undefined ? {} : { fencingToken: () => (this.state.name === "SUSPENDED" ? undefined : token) },
    );
    this.job.timestamps.CREATED = this.clock.now();
    this.metricsTimer = this.clock.setInterval(() => void this.job.connections.fetchMetrics(), readOption(this.options.config, METRICS_FETCH_INTERVAL));
  }

  // ---- the state machine -------------------------------------------------------------------------

  private goTo(next: JobState): void {
    const previous = this.state;
    checkTransition(previous.name, next.name);
    this.job.log.debug(`${previous.name} -> ${next.name}`);
    this.state = next;
    if (next.jobStatus !== previous.jobStatus) this.job.timestamps[next.jobStatus] = this.clock.now();
    next.onEnter();
  }

  private runIfState(state: JobState, fn: () => void, delayMs?: number): void {
    const run = (): void => {
      if (this.state === state) fn();
      else this.job.log.debug(`work of state ${state.name} skipped: the job is ${this.state.name} now`);
    };
    if (delayMs === undefined) run();
    else this.clock.setTimeout(run, delayMs);
  }

  // ---- JobMasterGateway --------------------------------------------------------------------------

  offerSlots(taskManagerId: string, taskExecutorAddress: string, dataAddress: string, offers: SlotOffer[]): SlotOffer[] {
    return this.state.onSlotsOffered(taskManagerId, taskExecutorAddress, dataAddress, offers);
  }

  updateTaskExecutionState(executionId: string, state: ExecutionState, error?: SerializedError, metrics?: TaskMetrics): void {
    const e = this.job.graph.get(executionId);
    if (!e || isTerminalExecutionState(e.state)) return;
    if (metrics) e.metrics = metrics;
    if (e.state === "CANCELING" && !isTerminalExecutionState(state)) {
      // The cancel overtook the deployment (the TaskExecutor did not know the task yet and ignored
      // it): the task runs now, so cancel it again rather than wait for it forever.
      this.job.cancelTask(e);
      return;
    }
    if (error && !isTerminalExecutionState(state) && state === e.state) {
      // The task is still starting or running and says why it waits (a connector retrying its
      // server): a non-fatal entry of the exception history, nothing fails.
      this.job.recordException(e, error, { nonFatal: true });
      return;
    }
    this.job.graph.setState(e, state, this.clock.now());
    if (state === "FAILED") this.reportFailure(e, error ?? { name: "Error", message: "task failed" });
    else this.state.onExecutionStateChanged(e);
  }

  acknowledgeCheckpoint(executionId: string, checkpointId: number, ack: TaskCheckpointAck): void {
    this.state.onCheckpointAcknowledged(executionId, checkpointId, ack);
  }

  declineCheckpoint(executionId: string, checkpointId: number, reason: SerializedError): void {
    this.state.onCheckpointDeclined(executionId, checkpointId, reason);
  }

  collect(executionId: string, nodeId: number, values: unknown[]): void {
    if (!this.job.graph.get(executionId)) return;
    (this.job.collected[nodeId] ??= []).push(...values);
  }

  disconnectTaskManager(taskManagerId: string, cause: string): void {
    this.onTaskManagerLost(taskManagerId, cause);
  }

  sendOperatorEventToCoordinator(executionId: string, event: OperatorEventToCoordinator): void {
    const e = this.job.graph.get(executionId);
    if (!e || isTerminalExecutionState(e.state)) return;
    if (event.kind === "collect-push") this.job.collectCoordinators.push(event);
    else this.job.coordinators.readerEvent(e.attempt, e.vertex.id, e.subtask, event);
  }

  /**
   * A client's request to the coordinator of operator `operatorUid` (Flink's
   * deliverCoordinationRequestToCoordinator): the collect sinks' coordinators take them, also after
   * the job has ended.
   */
  deliverCoordinationRequest(operatorUid: string, request: unknown): CollectResponse & { exactlyOnce: boolean } {
    return this.job.collectCoordinators.handle(operatorUid, request);
  }

  // ---- control from the Dispatcher ---------------------------------------------------------------

  cancel(): void {
    this.state.cancel();
  }

  /**
   * Leadership is gone: stop acting at once, keep every piece of HA data, cancel this JobMaster's own
   * executions and free its own slots, and end with SUSPENDED, which is not globally terminal.
   */
  suspend(cause: string): void {
    this.state.suspend(cause);
  }

  /** Triggers a savepoint; with `stop` the sources end after it and the job finishes. */
  triggerSavepoint(dir: string | undefined, stop?: "terminate" | "drain"): Promise<string> {
    return this.state.triggerSavepoint(dir, stop);
  }

  details(): JobDetails {
    const job = this.job;
    const now = this.clock.now();
    const status = this.state.jobStatus;
    const start = job.timestamps.INITIALIZING ?? now;
    const end = isGloballyTerminal(status) ? (job.timestamps[status] ?? now) : -1;
    return {
      jid: this.jobId,
      name: this.options.jobGraph.name,
      state: status,
      startTime: start,
      endTime: end,
      duration: (end >= 0 ? end : now) - start,
      now,
      timestamps: { ...job.timestamps },
      vertices: job.graph.vertexInfos(),
      statusCounts: job.graph.statusCounts(),
      jobGraph: this.options.jobGraph,
      statusMessage: job.statusMessage,
      restarts: job.restarts,
    };
  }

  /**
   * Asks the TaskExecutors of the vertex's running subtasks to sample their workers' CPU, all at once
   * (docs/architecture.md, "Flame graphs"). A TaskExecutor that fails to answer only leaves its
   * subtasks out: a flame graph of the others is still worth showing.
   */
  async sampleVertexCpu(vertexId: string, request: CpuSampleRequest): Promise<VertexCpuSamples> {
    const byTaskManager = new Map<string, Execution[]>();
    for (const e of this.job.graph.executions) {
      if (e.vertex.id !== vertexId || e.state !== "RUNNING" || e.taskManagerId === undefined) continue;
      byTaskManager.set(e.taskManagerId, [...(byTaskManager.get(e.taskManagerId) ?? []), e]);
    }
    const subtasks: VertexCpuSamples["subtasks"] = [];
    await Promise.all(
      [...byTaskManager].map(async ([tm, executions]) => {
        try {
          const trees = await this.job.connections.request(tm, (g) => g.requestCpuSamples(executions.map((e) => e.executionId), request));
          for (const e of executions) {
            const tree = trees[e.executionId];
            if (tree) subtasks.push({ subtask: e.subtask, attempt: e.attempt, tree });
          }
        } catch (err) {
          this.job.log.warn(`CPU samples of vertex ${vertexId} from TaskManager ${tm} failed: ${(err as Error).message}`);
        }
      }),
    );
    subtasks.sort((a, b) => a.subtask - b.subtask);
    return { endTimestamp: this.clock.now(), subtasks };
  }

  exceptionHistory(): ExceptionInfo[] {
    return [...this.job.exceptions];
  }

  /** Settles once the job's checkpoint bookkeeping has stopped (after a terminal state or suspension). */
  async checkpointsShutDown(): Promise<void> {
    await this.job.checkpointShutdown;
  }

  // ---- failures ----------------------------------------------------------------------------------

  private reportFailure(e: Execution, error: SerializedError): void {
    this.job.recordException(e, error);
    this.state.onTaskFailure(e, error);
  }

  private onTaskManagerLost(taskManagerId: string, cause: string): void {
    const failed = this.job.forgetTaskManager(taskManagerId, cause);
    if (!failed) return;
    const error = serializeError(new TaskManagerLostError(`TaskManager ${taskManagerId} was lost: ${cause}`));
    if (failed[0]) this.job.recordException(failed[0], error);
    this.state.onTaskManagerLost(taskManagerId, failed, error);
  }
}
