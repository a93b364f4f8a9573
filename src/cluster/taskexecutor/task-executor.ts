/**
 * The TaskExecutor (docs/architecture.md, "Components"): registers its slots with the ResourceManager,
 * offers slots to JobMasters when the ResourceManager says so, runs each allocated slot as a worker,
 * and reports task states and metrics. It composes its services: the slot table, the connection to
 * the ResourceManager, the connections to JobMasters, and the data plane (src/cluster/network/),
 * which the workers hand their frames to directly: this class handles control messages only.
 */
import { getHeapStatistics } from "node:v8";
import { LogFiles, type LogFileInfo, type LogRequest, type LogTail } from "../logs/log-files.js";
import { ProcessMemory } from "./process-memory.js";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { ENDPOINTS } from "../endpoints.js";
import type { BlobServerGateway } from "../blob/blob-server-gateway.js";
import type { HeartbeatSettings } from "../heartbeat.js";
import type { TaskManagerMemory, SlotReport, TaskExecutorHeartbeatPayload, TaskMetrics, TaskSubmission } from "../messages.js";
import { DeploymentCache } from "./deployment-cache.js";
import { DataRouter } from "../network/data-router.js";
import type { DataTransport } from "../network/data-transport.js";
import type { RpcService } from "../rpc/interface.js";
import type { Configuration } from "../../config/configuration.js";
import { parseWorkerKey, type WorkerKey } from "../../runtime/network/frames.js";
import { isTerminalExecutionState, taskDeploymentDescriptor, type ExecutionState } from "../../runtime/tasks/deployment.js";
import { serializeError, type SerializedError } from "../../errors/serialized-error.js";
import type { CheckpointTrigger } from "../../runtime/tasks/stream-task.js";
import type { OperatorEventToTask } from "../../runtime/coordination/operator-events.js";
import { systemClock, type Clock } from "../../util/clock.js";
import { randomIds, type IdSource } from "../../util/ids.js";
import type { Logger } from "../../util/logger.js";
import { BlobCache, type BundleCache } from "./blob-cache.js";
import { JobMasterConnections } from "./job-master-connections.js";
import { ResourceManagerConnection, localHardware, type LeaderAddress } from "./resource-manager-connection.js";
import { SlotTable, type Execution, type Slot } from "./slot-table.js";
import type { ControlFromWorker, SlotWorkerFactory, SlotWorkerHandle } from "./slot-worker-handle.js";
import { SlotWorker } from "./slot-worker.js";
import { SlotWorkers } from "./slot-workers.js";
import { JobEvaluationTimeoutError, TaskNotFoundError } from "./task-executor-errors.js";
import { CpuSampleRequests } from "./cpu-sample-requests.js";
import type { CpuSampleRequest } from "../../runtime/worker/cpu-sampler.js";
import type { StackNode } from "../../runtime/worker/stack-tree.js";
import type { TaskExecutorGateway } from "./task-executor-gateway.js";
import { taskExecutorSettings, type TaskExecutorSettings } from "./task-manager-options.js";
import { TaskManagerMetrics } from "./task-manager-metrics.js";
import type { MetricGroupDump } from "../../runtime/metrics/metric-dump.js";
import { TaskManagerLocalState } from "../../runtime/checkpoint/local/task-manager-local-state.js";

export type { LeaderAddress } from "./resource-manager-connection.js";

export interface TaskExecutorOptions {
  rpc: RpcService;
  data: DataTransport;
  /** Where to find the ResourceManager and the BlobServer (fixed, or from leader retrieval). */
  resourceManager: () => Promise<LeaderAddress>;
  blobServerAddress: () => Promise<string>;
  heartbeat: HeartbeatSettings;
  logger: Logger;
  /** Read through task-manager-options.ts (slots, worker heap, evaluation and cancellation timeouts, metrics interval). */
  config?: Readonly<Configuration>;
  /** The port of this TaskManager's Prometheus reporter, told to the ResourceManager (shown in /taskmanagers/:id). */
  prometheusPort?: number;
  /** Overrides taskmanager.numberOfTaskSlots. */
  numberOfSlots?: number;
  /** The TaskManager id (taskmanager.resource-id); default `tm-` and the start of a new id. */
  id?: string;
  newId?: IdSource;
  clock?: Clock;
  /** Starts a slot's worker; default a worker thread (SlotWorker). */
  createWorker?: SlotWorkerFactory;
  /** Local copies of job bundles; default a BlobCache in `blobCacheDir` that fetches from the BlobServer. */
  bundles?: BundleCache;
  blobCacheDir?: string;
  /**
   * Called when the TaskExecutor cannot go on, e.g. the ResourceManager refuses its cluster secret
   * (a wrong secret does not fix itself by retrying). The process entrypoint exits; tests observe it.
   */
  onFatalError?: (error: Error) => void;
  /** The process's logs, served to the REST API through the ResourceManager; default: none. */
  logs?: LogFiles;
}

/** How long a finished task's final metrics stay available to JobMaster heartbeats and metric collections. */
const FINAL_METRICS_RETENTION_MS = 60_000;

export class TaskExecutor implements TaskExecutorGateway {
  readonly id: string;
  private readonly settings: TaskExecutorSettings;
  private readonly clock: Clock;
  private readonly table: SlotTable;
  private readonly deployments = new DeploymentCache();
  private readonly router: DataRouter;
  private readonly bundles: BundleCache;
  private readonly rm: ResourceManagerConnection;
  private readonly jobMasters: JobMasterConnections;
  private readonly createWorker: SlotWorkerFactory;
  /** Each allocated slot's worker thread: started, restarted and replaced when it dies (slot-workers.ts). */
  private readonly workers: SlotWorkers;
  private readonly log: Logger;
  private readonly cpuSamples: CpuSampleRequests;
  /** This TaskManager's metrics and the collection from its workers (task-manager-metrics.ts). */
  readonly metrics: TaskManagerMetrics;
  private readonly logs: LogFiles;
  private readonly memory = new ProcessMemory();
  /** Per slot worker, the peak heap it reported (see worker-main.ts); kept after the worker ends. */
  private readonly heapPeaks = new Map<WorkerKey, number>();
  /** The local state copies of this TaskManager's tasks (docs/checkpoints.md, "Task-local recovery"). */
  private readonly localState: TaskManagerLocalState;

  constructor(private readonly options: TaskExecutorOptions) {
    this.id = options.id ?? `tm-${(options.newId ?? randomIds)().slice(0, 8)}`;
    this.log = options.logger.child(`TaskExecutor ${this.id}`);
    this.clock = options.clock ?? systemClock;
    this.settings = taskExecutorSettings(options.config ?? {});
    this.logs = options.logs ?? new LogFiles(undefined, undefined);
    this.table = new SlotTable(options.numberOfSlots ?? this.settings.numberOfSlots);
    this.localState = new TaskManagerLocalState(options.config ?? {}, this.id);
    this.cpuSamples = new CpuSampleRequests(this.clock);
    this.createWorker = options.createWorker ?? ((o) => new SlotWorker(o));
    this.metrics = new TaskManagerMetrics({
      taskManagerId: this.id,
      clock: this.clock,
      timeoutMs: this.settings.metricCollectionTimeoutMs,
      finalRetentionMs: FINAL_METRICS_RETENTION_MS,
      workers: () => this.table.slots.flatMap((s) => (s.worker ? [s.worker] : [])),
    });
    this.bundles = options.bundles ?? this.blobCache(options.blobCacheDir ?? join(tmpdir(), "sluice-blob-cache"));
    this.router = new DataRouter(this.id, options.data, this.log);
    const { id: taskManagerId, settings, table, router, createWorker, log } = this;
    this.workers = new SlotWorkers({ taskManagerId, settings, table, router, createWorker, log, onMessage: (m, w) => this.onWorkerMessage(m, w), reportState: (e, st, err) => this.reportState(e, st, err) });
    this.router.onUndeliverable((from, error) => {
      const slot = this.table.slots[parseWorkerKey(from).slotIndex];
      for (const e of this.table.liveExecutions()) if (e.slot === slot) this.failExecution(e, serializeError(error));
    });
    // Every task here with channels to a lost TaskManager can no longer make progress: fail it, so
    // that the JobMaster's failover restarts the job instead of waiting for a heartbeat timeout.
    this.router.onPeerLost((lost, error) => {
      for (const e of this.table.liveExecutions()) if ([...e.peers].some((p) => lost.has(p))) this.failExecution(e, serializeError(error));
    });
    const common = { rpc: options.rpc, clock: this.clock, log: this.log, heartbeat: options.heartbeat };
    this.rm = new ResourceManagerConnection({
      ...common,
      leader: options.resourceManager,
      registration: () => ({
        taskManagerId: this.id,
        address: options.rpc.address,
        dataAddress: options.data.address,
        numberOfSlots: this.table.size,
        slotReport: this.slotReport(),
        ...localHardware(),
        ...(options.prometheusPort !== undefined ? { prometheusPort: options.prometheusPort } : {}),
        memory: { mainHeapLimitBytes: getHeapStatistics().heap_size_limit, workerHeapLimitBytes: this.settings.maxWorkerHeapMb && this.settings.maxWorkerHeapMb * 1024 * 1024 },
      }),
      onLeaderSession: (leader) => this.freeSlotsOfEarlierSessions(leader),
      onFatalError: options.onFatalError,
    });
    this.jobMasters = new JobMasterConnections({
      ...common,
      target: (jobId) => {
        const allocation = this.table.slotsOf(jobId)[0]?.allocation;
        return allocation && { address: allocation.jobMasterAddress, token: allocation.jobMasterToken };
      },
      onJobMasterGone: (jobId, cause, token) => {
        this.releaseJob(jobId, cause, token, true).catch((e: Error) => this.log.debug(`slots of job ${jobId} kept: ${e.message}`));
      },
    });
  }

  async start(): Promise<void> {
    this.localState.clear();
    this.memory.start();
    this.options.rpc.serve(ENDPOINTS.taskExecutor, this as TaskExecutorGateway);
    this.jobMasters.start();
    await this.rm.start();
  }

  /** Leader retrieval reports a (possibly) new ResourceManager leader: register with it at once. */
  resourceManagerLeaderChanged(leader: LeaderAddress | null): void {
    this.rm.leaderChanged(leader);
  }

  /** Whether the TaskExecutor is registered at a ResourceManager right now. */
  get isRegistered(): boolean {
    return this.rm.isRegistered;
  }

  slotReport(): SlotReport {
    return this.table.report();
  }

  /** Number of live workers (one per allocated slot in use). */
  /** The peak heap each slot worker of this TaskExecutor reported, in bytes (benchmarks read it). */
  workerHeapPeaks(): ReadonlyMap<WorkerKey, number> {
    return this.heapPeaks;
  }

  get activeWorkers(): number {
    return this.table.activeWorkers;
  }

  // ---- TaskExecutorGateway ---------------------------------------------------------------------

  async requestSlot(slotIndex: number, allocationId: string, jobId: string, jobMasterAddress: string, jobMasterToken?: string): Promise<void> {
    if (!this.table.slots[slotIndex]) throw new Error(`no slot ${slotIndex}`);
    this.rm.checkLeaderToken(jobMasterToken, `slot request for job ${jobId}`);
    const slot = this.table.allocate(slotIndex, { allocationId, jobId, jobMasterAddress, jobMasterToken });
    this.jobMasters.heartbeatReceived(jobId);
    // Start the worker now, while the other slots are being collected, to hide its start-up time.
    this.workers.ensure(slot);
    try {
      const jm = await this.jobMasters.connect(jobId, { address: jobMasterAddress, token: jobMasterToken });
      const accepted = await jm.gateway.offerSlots(this.id, this.options.rpc.address, this.options.data.address, [{ allocationId, slotIndex }]);
      if (accepted.length === 0) await this.freeSlot(allocationId, "offer rejected");
    } catch (e) {
      await this.freeSlot(allocationId, `offer failed: ${(e as Error).message}`);
    }
  }

  async submitTask(submission: TaskSubmission): Promise<void> {
    const deployment = this.deployments.resolve(submission);
    const tdd = taskDeploymentDescriptor(submission, deployment.shared);
    if (tdd.localRecovery) tdd.localStateDir = this.localState.taskDir(tdd.jobId, tdd.vertexId, tdd.subtaskIndex);
    const slot = this.table.slotForDeployment(tdd, this.id, () => this.log.warn(`rejected a deployment of job ${tdd.jobId} from a stale JobMaster`));
    const allocationId = slot.allocation!.allocationId;
    this.router.learn(tdd.dataAddresses);
    const peers = new Set(deployment.taskManagers);
    peers.delete(this.id);
    // Known before the bundle is here, so that a cancel arriving during the download is not lost.
    const execution: Execution = { executionId: tdd.executionId, jobId: tdd.jobId, slot, state: "DEPLOYING", peers, inWorker: false };
    this.table.addExecution(execution);
    let path: string;
    try {
      path = await this.bundles.path(tdd.bundle.hash);
    } catch (e) {
      this.table.removeExecution(execution);
      throw e;
    }
    // The download took time: the slot may have been freed (and given to another job) meanwhile.
    if (this.table.execution(execution.executionId) !== execution || slot.allocation?.allocationId !== allocationId) {
      this.table.removeExecution(execution);
      throw new TaskNotFoundError(`slot ${slot.index} was freed while the bundle of task ${tdd.executionId} downloaded; the task was not deployed`);
    }
    if (isTerminalExecutionState(execution.state)) return; // cancelled during the download (and reported so)
    const worker = this.workers.ensure(slot);
    execution.inWorker = true;
    worker.post({ type: "deploy", tdd: { ...tdd, bundle: { hash: tdd.bundle.hash, path } } });
    this.armEvaluationTimeout(execution, worker, tdd.bundle.hash);
  }

  /**
   * Cancels a task. One this TaskExecutor does not have is answered with TaskNotFoundError (the
   * JobMaster then counts it CANCELED instead of waiting); one that has ended already has its final
   * state reported again, in case that report was lost.
   */
  cancelTask(executionId: string): void {
    const e = this.table.execution(executionId);
    if (!e) throw new TaskNotFoundError(`task ${executionId} is not on TaskManager ${this.id}`);
    if (isTerminalExecutionState(e.state)) {
      void this.jobMasters.call(e.jobId, `task state ${e.state}`, (jm) => jm.updateTaskExecutionState(e.executionId, e.state));
      return;
    }
    if (!e.inWorker) {
      this.reportState(e, "CANCELED");
      return;
    }
    e.slot.worker?.post({ type: "cancel", executionId });
    const timeout = this.settings.cancellationTimeoutMs;
    this.clock.setTimeout(() => {
      const still = this.table.execution(executionId);
      if (still && !isTerminalExecutionState(still.state) && still.slot.worker) {
        this.log.warn(`task ${executionId} did not stop within ${timeout} ms (task.cancellation.timeout); terminating its worker`);
        void this.workers.restart(still.slot, "CANCELED");
      }
    }, timeout);
  }

  triggerCheckpoint(executionId: string, trigger: CheckpointTrigger): void {
    const worker = this.table.execution(executionId)?.slot.worker;
    if (!worker) throw new Error(`task ${executionId} is not running here`);
    worker.post({ type: "trigger-checkpoint", executionId, trigger });
  }

  notifyCheckpointComplete(executionId: string, checkpointId: number): void {
    this.table.execution(executionId)?.slot.worker?.post({ type: "checkpoint-complete", executionId, checkpointId });
  }

  notifyCheckpointAborted(executionId: string, checkpointId: number): void {
    this.table.execution(executionId)?.slot.worker?.post({ type: "checkpoint-aborted", executionId, checkpointId });
  }

  sendOperatorEventToTask(executionId: string, event: OperatorEventToTask): void {
    this.table.execution(executionId)?.slot.worker?.post({ type: "operator-event", executionId, event });
  }

  requestCpuSamples(executionIds: string[], request: CpuSampleRequest): Promise<Record<string, StackNode>> {
    return this.cpuSamples.ofExecutions(executionIds, request, (id) => {
      const e = this.table.execution(id);
      return e?.inWorker && !isTerminalExecutionState(e.state) ? e.slot.worker : undefined;
    });
  }

  freeSlot(allocationId: string, cause: string): Promise<void> {
    return this.releaseSlot(allocationId, cause, false);
  }

  /**
   * Frees a slot, stopping its tasks. With `jobMasterLost` (this TaskExecutor gave up on the JobMaster,
   * whose own view may differ), the tasks still going are reported FAILED to that JobMaster over a
   * fresh connection, so that it fails over at once instead of believing they run.
   */
  private async releaseSlot(allocationId: string, cause: string, jobMasterLost: boolean): Promise<void> {
    const slot = this.table.byAllocation(allocationId);
    if (!slot) return;
    this.log.debug(`freeing slot ${slot.index} (${cause})`);
    const freed = this.table.free(slot);
    if (!freed) return;
    const dropped = freed.executions.filter((e) => !isTerminalExecutionState(e.state));
    if (jobMasterLost && dropped.length > 0) {
      const { jobId, jobMasterAddress, jobMasterToken } = freed.allocation;
      const error = serializeError(new Error(`TaskManager ${this.id} stopped the task: ${cause}`));
      void this.jobMasters.tellOnce(jobId, { address: jobMasterAddress, token: jobMasterToken }, "report of dropped tasks", async (jm) => {
        for (const e of dropped) await jm.updateTaskExecutionState(e.executionId, "FAILED", error);
      });
    }
    if (freed.worker) {
      this.router.detach(freed.worker);
      await freed.worker.terminate();
    }
    if (!this.table.hasJob(freed.allocation.jobId)) {
      this.jobMasters.release(freed.allocation.jobId);
      this.deployments.forgetJob(freed.allocation.jobId);
      this.localState.releaseJob(freed.allocation.jobId, (e) => this.log.warn(`local state copies of job ${freed.allocation.jobId} not deleted: ${e.message}`));
    }
    this.rm.reportSlots(this.id, this.slotReport());
  }

  heartbeatFromResourceManager(): SlotReport {
    this.rm.heartbeatReceived();
    return this.slotReport();
  }

  heartbeatFromJobManager(jobId: string, jobMasterToken?: string): TaskExecutorHeartbeatPayload {
    if (this.table.hasJob(jobId)) this.jobMasters.heartbeatReceived(jobId);
    return { metrics: this.table.metricsOf(jobId), held: this.table.heldFor(jobId, jobMasterToken) };
  }

  requestMetricDump(includeEnded = true): Promise<MetricGroupDump[]> {
    return this.metrics.collect(includeEnded);
  }

  disconnectJobManager(jobId: string, cause: string, jobMasterToken?: string): Promise<void> {
    return this.releaseJob(jobId, cause, jobMasterToken, false);
  }

  private async releaseJob(jobId: string, cause: string, jobMasterToken: string | undefined, jobMasterLost: boolean): Promise<void> {
    const held = this.table.slotsOf(jobId);
    // A stale JobMaster (e.g. one that was frozen and has not yet noticed that it lost leadership)
    // must not free the slots that a newer JobMaster of the same job holds.
    const matching =
      jobMasterToken === undefined ? held : held.filter((s) => s.allocation!.jobMasterToken === undefined || s.allocation!.jobMasterToken === jobMasterToken);
    if (held.length > 0 && matching.length === 0) this.rm.checkLeaderToken(jobMasterToken, `disconnect of job ${jobId}`);
    for (const s of matching) if (s.allocation) await this.releaseSlot(s.allocation.allocationId, cause, jobMasterLost);
  }

  requestLogList(): LogFileInfo[] {
    return this.logs.list();
  }

  requestLog(which: LogRequest, maxBytes: number): LogTail | undefined {
    return this.logs.tail(which, maxBytes);
  }

  requestMemory(): TaskManagerMemory {
    return this.memory.snapshot();
  }

  async stop(): Promise<void> {
    this.memory.stop();
    this.rm.stop();
    this.metrics.stop();
    await Promise.all(this.table.slots.map((s) => s.worker?.terminate()));
    for (const s of this.table.slots) s.worker = undefined;
    this.jobMasters.stop();
    await this.options.data.close();
    this.localState.clear();
  }

  // ---- leader sessions --------------------------------------------------------------------------

  /**
   * The JobManager's components lead together under one leader session: JobMasters of an older
   * session than the ResourceManager's are no longer leaders. Their slots are freed (which stops
   * their tasks) before this TaskExecutor offers anything to the new leader.
   */
  private freeSlotsOfEarlierSessions(leader: LeaderAddress): void {
    for (const slot of this.table.slots) {
      const allocation = slot.allocation;
      if (allocation && allocation.jobMasterToken !== undefined && allocation.jobMasterToken !== leader.sessionId) {
        this.log.warn(`slot ${slot.index} belongs to a JobMaster of an earlier leader session; freeing it`);
        void this.freeSlot(allocation.allocationId, "its JobMaster is no longer the leader");
      }
    }
  }

  // ---- workers ----------------------------------------------------------------------------------

  /**
   * The worker evaluates the bundle's definition on its own thread, where a loop never yields: only
   * terminating the thread stops it. Its other tasks belong to the same job (a slot holds one job),
   * so they fail with it; the slot gets a fresh worker and stays allocated until the JobMaster frees it.
   */
  private armEvaluationTimeout(e: Execution, worker: SlotWorkerHandle, bundleHash: string): void {
    const timeoutMs = this.settings.evaluationTimeoutMs;
    e.bindTimer = this.clock.setTimeout(() => {
      e.bindTimer = undefined;
      if (this.table.execution(e.executionId) !== e || isTerminalExecutionState(e.state) || e.slot.worker !== worker) return;
      const error = new JobEvaluationTimeoutError(
        `loading job bundle ${bundleHash.slice(0, 12)} and evaluating its definition did not finish within ${timeoutMs} ms ` +
          "(taskmanager.job.evaluation-timeout); does the definition loop or wait forever? Its worker thread was terminated.",
      );
      this.log.warn(`task ${e.executionId} of job ${e.jobId}: ${error.message}`);
      void this.workers.restart(e.slot, "FAILED", { name: error.name, message: error.message });
    }, timeoutMs);
  }

  private onWorkerMessage(m: ControlFromWorker, worker: WorkerKey): void {
    switch (m.type) {
      case "bound":
        this.table.execution(m.executionId)?.bindTimer?.cancel();
        break;
      case "task-state": {
        if (m.metrics) this.table.recordMetrics(m.executionId, m.metrics);
        const e = this.table.execution(m.executionId);
        if (e) this.reportState(e, m.state, m.error, m.metrics);
        break;
      }
      case "collect":
        this.callJobMasterOf(m.executionId, "collect", (jm) => jm.collect(m.executionId, m.nodeId, m.values));
        break;
      case "checkpoint-ack":
        this.callJobMasterOf(m.executionId, "checkpoint acknowledgement", (jm) => jm.acknowledgeCheckpoint(m.executionId, m.checkpointId, m.ack));
        break;
      case "checkpoint-declined":
        this.callJobMasterOf(m.executionId, "checkpoint decline", (jm) => jm.declineCheckpoint(m.executionId, m.checkpointId, m.reason));
        break;
      case "operator-event":
        this.callJobMasterOf(m.executionId, "operator event", (jm) => jm.sendOperatorEventToCoordinator(m.executionId, m.event));
        break;
      case "metrics":
        for (const [id, metrics] of Object.entries(m.metrics)) this.table.recordMetrics(id, metrics);
        if (m.heap && m.heap.peakUsedBytes > (this.heapPeaks.get(worker) ?? 0)) this.heapPeaks.set(worker, m.heap.peakUsedBytes);
        break;
      case "cpu-samples":
        this.cpuSamples.answered(m);
        break;
      case "metric-dump":
        this.metrics.onDump(m.requestId, m.groups);
        break;
      case "final-metrics":
        this.metrics.retainFinal(m.executionId, m.groups);
        break;
      case "stdio":
        process[m.stream].write(m.text);
        break;
    }
  }

  private callJobMasterOf(executionId: string, what: string, call: Parameters<JobMasterConnections["call"]>[2]): void {
    const e = this.table.execution(executionId);
    if (e) void this.jobMasters.call(e.jobId, what, call);
  }

  private reportState(e: Execution, state: ExecutionState, error?: SerializedError, metrics?: TaskMetrics): void {
    if (isTerminalExecutionState(e.state)) return;
    e.state = state;
    void this.jobMasters.call(e.jobId, `task state ${state}`, (jm) => jm.updateTaskExecutionState(e.executionId, state, error, metrics));
    if (!isTerminalExecutionState(state)) return;
    e.bindTimer?.cancel();
    this.clock.setTimeout(() => this.table.forgetMetrics(e.executionId), FINAL_METRICS_RETENTION_MS);
  }

  /** Reports the task failed and stops it in its worker (the JobMaster won't cancel a task it sees as failed). */
  private failExecution(e: Execution, error: SerializedError): void {
    if (isTerminalExecutionState(e.state)) return;
    this.reportState(e, "FAILED", error);
    e.slot.worker?.post({ type: "cancel", executionId: e.executionId });
  }

  private blobCache(dir: string): BlobCache {
    return new BlobCache(dir, async (hash) => {
      const remote = await this.options.rpc.connect<BlobServerGateway>(await this.options.blobServerAddress(), ENDPOINTS.blobServer);
      try {
        return await remote.gateway.getBundle(hash);
      } finally {
        remote.close();
      }
    });
  }
}
