/**
 * The TaskExecutor: registers its slots with the ResourceManager, offers slots to JobMasters when
 * the ResourceManager says so, runs each allocated slot as a worker thread, relays data frames to
 * other TaskManagers, and reports task states and metrics. Its main thread only does control work
 * (RPC, heartbeats, relaying); user code runs in the slot workers.
 */
import { availableParallelism, hostname, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { FencingTokenMismatchError, RpcAuthenticationError, type RemoteGateway, type RpcService } from "../rpc/interface.js";
import { ENDPOINTS } from "../endpoints.js";
import type { BlobServerGateway } from "../blob/blob-server-gateway.js";
import type { JobMasterGateway } from "../jobmaster/job-master-gateway.js";
import type { ResourceManagerGateway } from "../resourcemanager/resource-manager-gateway.js";
import type { TaskExecutorGateway } from "./task-executor-gateway.js";
import type { HeartbeatSettings } from "../heartbeat.js";
import type { SlotReport, TaskDeploymentDescriptor, TaskExecutorHeartbeatPayload, TaskMetrics } from "../messages.js";
import type { CheckpointTrigger } from "../../runtime/tasks/stream-task.js";
import { isTerminalExecutionState, type ExecutionState } from "../../runtime/tasks/deployment.js";
import type { DataFrame, WorkerKey } from "../../runtime/network/frames.js";
import type { FromWorker } from "../../runtime/worker/worker-protocol.js";
import type { Logger } from "../../util/logger.js";
import { BlobCache } from "./blob-cache.js";
import type { DataTransport } from "./data-transport.js";
import { DataRouter, taskManagerOf } from "./data-router.js";
import { SlotWorker } from "./slot-worker.js";

export interface LeaderAddress {
  address: string;
  sessionId: string;
}

export interface TaskExecutorOptions {
  rpc: RpcService;
  data: DataTransport;
  numberOfSlots: number;
  /** Where to find the ResourceManager and the BlobServer (fixed, or from leader retrieval). */
  resourceManager: () => Promise<LeaderAddress>;
  blobServerAddress: () => Promise<string>;
  heartbeat: HeartbeatSettings;
  logger: Logger;
  id?: string;
  metricsIntervalMs?: number;
  maxWorkerHeapMb?: number;
  /** Time a cancelled task gets to stop before its worker thread is terminated. */
  cancellationTimeoutMs?: number;
  /**
   * Time a deployed task's worker gets to load the job bundle and evaluate its definition
   * (taskmanager.job.evaluation-timeout); a worker still busy with it then is terminated and its
   * tasks fail, so a definition that never returns costs its job, not the slot.
   */
  evaluationTimeoutMs?: number;
  blobCacheDir?: string;
  /**
   * Called when the TaskExecutor cannot go on, e.g. the ResourceManager refuses its cluster secret
   * (a wrong secret does not fix itself by retrying). The process entrypoint exits; tests observe it.
   */
  onFatalError?: (error: Error) => void;
}

interface Slot {
  index: number;
  allocationId?: string;
  jobId?: string;
  jobMasterAddress?: string;
  /** The fencing token of the JobMaster the slot is allocated to (its leader session id), if fenced. */
  jobMasterToken?: string;
  worker?: SlotWorker;
}

interface JobMasterConnection {
  address: string;
  token: string | undefined;
  gateway: Promise<RemoteGateway<JobMasterGateway>>;
}

interface Execution {
  executionId: string;
  jobId: string;
  slot: Slot;
  state: ExecutionState;
  /** Other TaskManagers running tasks of the same job attempt: a lost data connection to one breaks this task's channels. */
  peers: Set<string>;
  /** Runs from deployment until the worker has bound the job's functions (see evaluationTimeoutMs). */
  bindTimer?: NodeJS.Timeout;
}

export const DEFAULT_EVALUATION_TIMEOUT_MS = 60_000;

export class TaskExecutor implements TaskExecutorGateway {
  readonly id: string;
  private readonly slots: Slot[];
  private readonly executions = new Map<string, Execution>();
  private readonly metrics = new Map<string, TaskMetrics>();
  private readonly jobMasters = new Map<string, JobMasterConnection>();
  /** Where each worker of other TaskManagers is reachable, learned from deployments. */
  private readonly data: DataRouter;
  private readonly blobs: BlobCache;
  private readonly log: Logger;
  private rm: RemoteGateway<ResourceManagerGateway> | undefined;
  private lastRmHeartbeat = Date.now();
  private rmWatch: NodeJS.Timeout | undefined;
  private stopped = false;
  private registering: Promise<void> | undefined;
  /** Wakes the registration loop from its backoff pause (the leader changed). */
  private wakeRegistration: (() => void) | undefined;
  /** The ResourceManager leader registered with (or being registered with). */
  private rmLeader: LeaderAddress | undefined;
  /** Per job with slots here: when its JobMaster last asked for a heartbeat (or the slot was allocated). */
  private readonly lastJmHeartbeat = new Map<string, number>();

  constructor(private readonly options: TaskExecutorOptions) {
    this.id = options.id ?? `tm-${randomUUID().slice(0, 8)}`;
    this.log = options.logger.child(`TaskExecutor ${this.id}`);
    this.slots = Array.from({ length: options.numberOfSlots }, (_, index) => ({ index }));
    this.blobs = new BlobCache(options.blobCacheDir ?? join(tmpdir(), "sluice-blob-cache"), async (hash) => {
      const remote = await options.rpc.connect<BlobServerGateway>(await options.blobServerAddress(), ENDPOINTS.blobServer);
      try {
        return await remote.gateway.getBundle(hash);
      } finally {
        remote.close();
      }
    });
    this.data = new DataRouter(this.id, options.data, (slotIndex, frame) => this.slots[slotIndex]?.worker?.deliver(frame), this.log);
    options.data.onPeerLost((address, cause) => this.onDataPeerLost(address, cause));
  }

  async start(): Promise<void> {
    this.options.rpc.serve(ENDPOINTS.taskExecutor, this as TaskExecutorGateway);
    await this.register();
    // Re-register when the ResourceManager has not asked for a heartbeat within the timeout.
    this.rmWatch = setInterval(() => {
      if (Date.now() - this.lastRmHeartbeat > this.options.heartbeat.timeoutMs) {
        this.log.warn("no heartbeat from the ResourceManager within the timeout; registering again");
        this.lastRmHeartbeat = Date.now();
        void this.register();
      }
      this.checkJobMasterHeartbeats();
    }, Math.max(50, this.options.heartbeat.intervalMs));
    this.rmWatch.unref();
  }

  /** Registers with the current ResourceManager leader, retrying with backoff until it works. */
  private register(): Promise<void> {
    if (this.registering) return this.registering;
    this.registering = (async () => {
      let backoff = 50;
      let lastFailure: string | undefined;
      while (!this.stopped) {
        try {
          const leader = await this.options.resourceManager();
          this.followLeaderSession(leader);
          this.rm?.close();
          const rm = await this.options.rpc.connect<ResourceManagerGateway>(leader.address, ENDPOINTS.resourceManager, {
            fencingToken: leader.sessionId,
          });
          rm.onDisconnect(() => {
            if (this.rm === rm && !this.stopped) {
              this.log.warn("connection to the ResourceManager lost; registering again");
              void this.register();
            }
          });
          await rm.gateway.registerTaskExecutor({
            taskManagerId: this.id,
            address: this.options.rpc.address,
            dataAddress: this.options.data.address,
            host: hostname(),
            numberOfSlots: this.slots.length,
            slotReport: this.slotReport(),
            hardware: { cpuCores: availableParallelism(), memoryBytes: totalmem() },
          });
          this.rm = rm;
          this.lastRmHeartbeat = Date.now();
          this.log.info(`registered at the ResourceManager ${leader.address}`);
          // Leader retrieval reported another leader meanwhile: this one is stale, register again.
          if (this.rmLeader && this.rmLeader.sessionId !== leader.sessionId) continue;
          return;
        } catch (e) {
          if (e instanceof RpcAuthenticationError) {
            this.log.error(`the ResourceManager refused this TaskManager: ${e.message}`);
            this.options.onFatalError?.(e);
            return;
          }
          // Say it once at warning level (a JobManager not up yet, or a TLS mismatch, should be
          // visible), then quietly keep retrying until the cause changes.
          const message = (e as Error).message;
          if (message !== lastFailure) this.log.warn(`registration at the ResourceManager failed: ${message}; retrying`);
          else this.log.debug(`registration failed: ${message}; retrying in ${backoff} ms`);
          lastFailure = message;
          await new Promise<void>((r) => {
            const timer = setTimeout(r, backoff);
            this.wakeRegistration = () => {
              clearTimeout(timer);
              r();
            };
          });
          this.wakeRegistration = undefined;
          backoff = Math.min(backoff * 2, 2000);
        }
      }
    })().finally(() => (this.registering = undefined));
    return this.registering;
  }

  /**
   * Leader retrieval reports a (possibly) new ResourceManager leader. When it differs from the one
   * registered with, register with the new one at once instead of waiting for the old connection
   * to fail or its heartbeats to time out (a frozen old leader keeps its connections open).
   */
  resourceManagerLeaderChanged(leader: LeaderAddress | null): void {
    if (this.stopped || !leader) return;
    const current = this.rmLeader;
    if (current && current.address === leader.address && current.sessionId === leader.sessionId && (this.registering || this.isRegistered)) return;
    this.log.info(`ResourceManager leader is now ${leader.address} (session ${leader.sessionId.slice(0, 8)}); registering with it`);
    this.followLeaderSession(leader);
    if (this.registering) {
      this.wakeRegistration?.();
      return;
    }
    this.rm?.close();
    this.rm = undefined;
    void this.register();
  }

  /**
   * The JobManager's components lead together under one leader session: JobMasters of an older
   * session than the ResourceManager's are no longer leaders. Their slots are freed (which stops
   * their tasks) before this TaskExecutor offers anything to the new leader.
   */
  private followLeaderSession(leader: LeaderAddress): void {
    this.rmLeader = leader;
    for (const slot of this.slots) {
      if (slot.allocationId && slot.jobMasterToken !== undefined && slot.jobMasterToken !== leader.sessionId) {
        this.log.warn(`slot ${slot.index} belongs to a JobMaster of an earlier leader session; freeing it`);
        void this.freeSlot(slot.allocationId, "its JobMaster is no longer the leader");
      }
    }
  }

  /** Rejects a leader-bound request carrying a token other than the current leader session's. */
  private checkLeaderToken(token: string | undefined, what: string): void {
    const session = this.rmLeader?.sessionId;
    if (token === undefined || session === undefined || token === session) return;
    this.log.warn(`rejected ${what} from a stale leader (session ${token.slice(0, 8)}, current ${session.slice(0, 8)})`);
    throw new FencingTokenMismatchError(`${what}: fencing token ${token} is stale, the current leader session is ${session}`);
  }

  /** Whether the TaskExecutor is registered at a ResourceManager right now. */
  get isRegistered(): boolean {
    return this.rm !== undefined && this.rm.connected;
  }

  slotReport(): SlotReport {
    return { slots: this.slots.map((s) => ({ slotIndex: s.index, jobId: s.jobId, allocationId: s.allocationId })) };
  }

  // ---- TaskExecutorGateway ---------------------------------------------------------------------

  async requestSlot(slotIndex: number, allocationId: string, jobId: string, jobMasterAddress: string, jobMasterToken?: string): Promise<void> {
    const slot = this.slots[slotIndex];
    if (!slot) throw new Error(`no slot ${slotIndex}`);
    this.checkLeaderToken(jobMasterToken, `slot request for job ${jobId}`);
    if (slot.allocationId && slot.allocationId !== allocationId) throw new Error(`slot ${slotIndex} is already allocated`);
    slot.allocationId = allocationId;
    slot.jobId = jobId;
    slot.jobMasterAddress = jobMasterAddress;
    slot.jobMasterToken = jobMasterToken;
    this.lastJmHeartbeat.set(jobId, Date.now());
    // Start the thread now, while the other slots are being collected, to hide its start-up time.
    this.ensureWorker(slot);
    try {
      const jm = await this.jobMaster(jobId, jobMasterAddress, jobMasterToken);
      const accepted = await jm.gateway.offerSlots(this.id, this.options.rpc.address, this.options.data.address, [{ allocationId, slotIndex }]);
      if (accepted.length === 0) await this.freeSlot(allocationId, "offer rejected");
    } catch (e) {
      await this.freeSlot(allocationId, `offer failed: ${(e as Error).message}`);
    }
  }

  async submitTask(tdd: TaskDeploymentDescriptor): Promise<void> {
    const myKeyPrefix = `${this.id}#`;
    const slotIndex = Number(tdd.locations[tdd.vertexId]![tdd.subtaskIndex]!.slice(myKeyPrefix.length));
    const slot = this.slots[slotIndex];
    // A free slot has no job id: without the allocation check a descriptor without one would match it.
    if (!slot || slot.allocationId === undefined || slot.jobId !== tdd.jobId) throw new Error(`slot ${slotIndex} is not allocated to job ${tdd.jobId}`);
    if (tdd.jobMasterToken !== undefined && slot.jobMasterToken !== undefined && tdd.jobMasterToken !== slot.jobMasterToken) {
      this.log.warn(`rejected a deployment of job ${tdd.jobId} from a stale JobMaster`);
      throw new FencingTokenMismatchError(`slot ${slotIndex} is allocated to another JobMaster of job ${tdd.jobId}: the deploying JobMaster is stale`);
    }
    this.data.learn(tdd.dataAddresses);
    const path = await this.blobs.path(tdd.bundle.hash);
    const worker = this.ensureWorker(slot);
    const peers = new Set(Object.values(tdd.locations).flatMap((ws) => ws.map((w) => w.slice(0, w.lastIndexOf("#")))));
    peers.delete(this.id);
    const execution: Execution = { executionId: tdd.executionId, jobId: tdd.jobId, slot, state: "DEPLOYING", peers };
    this.executions.set(tdd.executionId, execution);
    worker.post({ type: "deploy", tdd: { ...tdd, bundle: { hash: tdd.bundle.hash, path } } });
    this.armEvaluationTimeout(execution, worker, tdd.bundle.hash);
  }

  /**
   * The worker evaluates the bundle's definition on its own thread, where a loop never yields: only
   * terminating the thread stops it. Its other tasks belong to the same job (a slot holds one job),
   * so they fail with it; the slot gets a fresh worker and stays allocated until the JobMaster frees it.
   */
  private armEvaluationTimeout(e: Execution, worker: SlotWorker, bundleHash: string): void {
    const timeoutMs = this.options.evaluationTimeoutMs ?? DEFAULT_EVALUATION_TIMEOUT_MS;
    e.bindTimer = setTimeout(() => {
      e.bindTimer = undefined;
      if (this.executions.get(e.executionId) !== e || isTerminalExecutionState(e.state) || e.slot.worker !== worker) return;
      const message =
        `loading job bundle ${bundleHash.slice(0, 12)} and evaluating its definition did not finish within ${timeoutMs} ms ` +
        "(taskmanager.job.evaluation-timeout); does the definition loop or wait forever? Its worker thread was terminated.";
      this.log.warn(`task ${e.executionId} of job ${e.jobId}: ${message}`);
      void this.restartWorker(e.slot, "FAILED", { name: "JobEvaluationTimeoutError", message });
    }, timeoutMs);
    e.bindTimer.unref();
  }

  cancelTask(executionId: string): void {
    const e = this.executions.get(executionId);
    if (!e || isTerminalExecutionState(e.state)) return;
    e.slot.worker?.post({ type: "cancel", executionId });
    const timeout = this.options.cancellationTimeoutMs ?? 5000;
    setTimeout(() => {
      const still = this.executions.get(executionId);
      if (still && !isTerminalExecutionState(still.state) && still.slot.worker) {
        this.log.warn(`task ${executionId} did not stop within ${timeout} ms; terminating its worker thread`);
        void this.restartWorker(still.slot, "CANCELED");
      }
    }, timeout).unref();
  }

  triggerCheckpoint(executionId: string, trigger: CheckpointTrigger): void {
    const e = this.executions.get(executionId);
    if (e?.slot.worker) e.slot.worker.post({ type: "trigger-checkpoint", executionId, trigger });
    else throw new Error(`task ${executionId} is not running here`);
  }

  notifyCheckpointComplete(executionId: string, checkpointId: number): void {
    this.executions.get(executionId)?.slot.worker?.post({ type: "checkpoint-complete", executionId, checkpointId });
  }

  notifyCheckpointAborted(executionId: string, checkpointId: number): void {
    this.executions.get(executionId)?.slot.worker?.post({ type: "checkpoint-aborted", executionId, checkpointId });
  }

  async freeSlot(allocationId: string, cause: string): Promise<void> {
    const slot = this.slots.find((s) => s.allocationId === allocationId);
    if (!slot) return;
    this.log.debug(`freeing slot ${slot.index} (${cause})`);
    const worker = slot.worker;
    slot.worker = undefined;
    slot.allocationId = undefined;
    const jobId = slot.jobId;
    slot.jobId = undefined;
    slot.jobMasterAddress = undefined;
    slot.jobMasterToken = undefined;
    for (const [id, e] of this.executions) {
      if (e.slot !== slot) continue;
      clearTimeout(e.bindTimer);
      this.executions.delete(id);
    }
    await worker?.terminate();
    if (jobId && !this.slots.some((s) => s.jobId === jobId)) {
      const jm = this.jobMasters.get(jobId);
      this.jobMasters.delete(jobId);
      jm?.gateway.then((g) => g.close()).catch(() => {});
    }
    // Tell the ResourceManager right away so the slot can be reused without waiting for a heartbeat.
    this.rm?.gateway.heartbeatFromTaskExecutor(this.id, this.slotReport()).catch(() => {});
  }

  heartbeatFromResourceManager(): SlotReport {
    this.lastRmHeartbeat = Date.now();
    return this.slotReport();
  }

  heartbeatFromJobManager(jobId: string): TaskExecutorHeartbeatPayload {
    if (this.slots.some((s) => s.jobId === jobId)) this.lastJmHeartbeat.set(jobId, Date.now());
    const metrics: Record<string, TaskMetrics> = {};
    for (const [id, e] of this.executions) if (e.jobId === jobId && this.metrics.has(id)) metrics[id] = this.metrics.get(id)!;
    return { metrics };
  }

  async disconnectJobManager(jobId: string, cause: string, jobMasterToken?: string): Promise<void> {
    const held = this.slots.filter((s) => s.jobId === jobId && s.allocationId);
    // A stale JobMaster (e.g. one that was frozen and has not yet noticed that it lost leadership)
    // must not free the slots that a newer JobMaster of the same job holds.
    const matching = jobMasterToken === undefined ? held : held.filter((s) => s.jobMasterToken === undefined || s.jobMasterToken === jobMasterToken);
    if (held.length > 0 && matching.length === 0) this.checkLeaderToken(jobMasterToken, `disconnect of job ${jobId}`);
    for (const s of matching) if (s.allocationId) await this.freeSlot(s.allocationId, cause);
  }

  // ---- workers and data ------------------------------------------------------------------------

  /** Number of live worker threads (one per allocated slot in use). */
  get activeWorkers(): number {
    return this.slots.filter((s) => s.worker).length;
  }

  private workerKey(slot: Slot): WorkerKey {
    return `${this.id}#${slot.index}`;
  }

  private ensureWorker(slot: Slot): SlotWorker {
    if (slot.worker) return slot.worker;
    const worker = new SlotWorker({
      key: this.workerKey(slot),
      metricsIntervalMs: this.options.metricsIntervalMs ?? 1000,
      maxHeapMb: this.options.maxWorkerHeapMb,
      onMessage: (m) => this.onWorkerMessage(slot, m),
      onExit: (error) => this.onWorkerDied(slot, worker, error),
    });
    for (const other of this.slots) if (other.worker) worker.connectTo(other.worker);
    slot.worker = worker;
    return worker;
  }

  /** Terminates a slot's worker (a stuck task) and starts a fresh one for the same allocation. */
  private async restartWorker(slot: Slot, finalState: ExecutionState, error?: { name: string; message: string }): Promise<void> {
    const old = slot.worker;
    slot.worker = undefined;
    await old?.terminate();
    for (const e of this.executions.values()) {
      if (e.slot === slot && !isTerminalExecutionState(e.state)) this.reportState(e, finalState, error);
    }
    if (slot.allocationId) this.ensureWorker(slot);
  }

  private onWorkerDied(slot: Slot, worker: SlotWorker, error: Error): void {
    if (slot.worker !== worker) return;
    this.log.error(`worker of slot ${slot.index} died: ${error.message}`);
    slot.worker = undefined;
    // Say which limit was hit: the heap limit is per slot, so raising it is the user's remedy.
    const limit = this.options.maxWorkerHeapMb ? `${this.options.maxWorkerHeapMb} MB` : "V8's default";
    const hint = (error as Error & { code?: string }).code === "ERR_WORKER_OUT_OF_MEMORY" ? ` (heap limit per slot: ${limit}, taskmanager.memory.task.heap.mb)` : "";
    for (const e of this.executions.values()) {
      if (e.slot === slot && !isTerminalExecutionState(e.state)) {
        this.reportState(e, "FAILED", { name: error.name, message: `the task's worker thread died: ${error.message}${hint}`, stack: error.stack });
      }
    }
    if (slot.allocationId) this.ensureWorker(slot);
  }

  private onWorkerMessage(slot: Slot, m: FromWorker): void {
    switch (m.type) {
      case "bound": {
        const e = this.executions.get(m.executionId);
        if (e) clearTimeout(e.bindTimer);
        break;
      }
      case "task-state": {
        const e = this.executions.get(m.executionId);
        if (m.metrics) this.metrics.set(m.executionId, m.metrics);
        if (e) this.reportState(e, m.state, m.error, m.metrics);
        break;
      }
      case "collect": {
        const e = this.executions.get(m.executionId);
        if (e) void this.jobMasterCall(e.jobId, (jm) => jm.collect(m.executionId, m.nodeId, m.values));
        break;
      }
      case "checkpoint-ack": {
        const e = this.executions.get(m.executionId);
        if (e) void this.jobMasterCall(e.jobId, (jm) => jm.acknowledgeCheckpoint(m.executionId, m.checkpointId, m.ack));
        break;
      }
      case "checkpoint-declined": {
        const e = this.executions.get(m.executionId);
        if (e) void this.jobMasterCall(e.jobId, (jm) => jm.declineCheckpoint(m.executionId, m.checkpointId, m.reason));
        break;
      }
      case "metrics":
        for (const [id, metrics] of Object.entries(m.metrics)) if (this.executions.has(id)) this.metrics.set(id, metrics);
        break;
      case "data":
        this.route(slot, m.to, m.frame);
        break;
      case "stdio":
        process[m.stream].write(m.text);
        break;
    }
  }

  private reportState(e: Execution, state: ExecutionState, error?: { name: string; message: string; stack?: string }, metrics?: TaskMetrics): void {
    if (isTerminalExecutionState(e.state)) return;
    e.state = state;
    if (isTerminalExecutionState(state)) clearTimeout(e.bindTimer);
    void this.jobMasterCall(e.jobId, (jm) => jm.updateTaskExecutionState(e.executionId, state, error, metrics));
    if (isTerminalExecutionState(state)) setTimeout(() => this.metrics.delete(e.executionId), 60_000).unref();
  }

  private async jobMasterCall(jobId: string, call: (jm: RemoteGateway<JobMasterGateway>["gateway"]) => Promise<unknown>): Promise<void> {
    const slot = this.slots.find((s) => s.jobId === jobId);
    const pending = slot?.jobMasterAddress ? this.jobMaster(jobId, slot.jobMasterAddress, slot.jobMasterToken) : this.jobMasters.get(jobId)?.gateway;
    if (!pending) return;
    try {
      await call((await pending).gateway);
    } catch (e) {
      this.log.warn(`call to the JobMaster of ${jobId} failed: ${(e as Error).message}`);
    }
  }

  /** The connection to a job's JobMaster; a JobMaster at another address or with another token replaces it. */
  private jobMaster(jobId: string, address: string, token?: string): Promise<RemoteGateway<JobMasterGateway>> {
    const existing = this.jobMasters.get(jobId);
    if (existing && existing.address === address && existing.token === token) return existing.gateway;
    existing?.gateway.then((g) => g.close()).catch(() => {});
    const p = this.options.rpc.connect<JobMasterGateway>(address, ENDPOINTS.jobMaster(jobId), token === undefined ? {} : { fencingToken: token });
    const entry: JobMasterConnection = { address, token, gateway: p };
    p.then(
      (g) =>
        g.onDisconnect(() => {
          if (this.jobMasters.get(jobId) === entry) {
            this.jobMasters.delete(jobId);
            void this.disconnectJobManager(jobId, "JobMaster connection lost", token);
          }
        }),
      () => {
        if (this.jobMasters.get(jobId) === entry) this.jobMasters.delete(jobId);
      },
    );
    this.jobMasters.set(jobId, entry);
    return p;
  }

  /** A frame from a worker of this TaskManager to a worker elsewhere. */
  private route(from: Slot, to: WorkerKey, frame: DataFrame): void {
    try {
      this.data.send(to, frame);
    } catch (e) {
      // A frame that can never travel (e.g. a record larger than the maximum frame) breaks its
      // channel for good: fail the tasks of this slot rather than leave their consumer waiting.
      const error = e as Error;
      const tm = taskManagerOf(to);
      this.log.error(`cannot send frame for channel ${frame.ch} to ${tm}: ${error.message}`);
      for (const ex of this.executions.values()) {
        if (ex.slot === from) this.failExecution(ex, { name: "DataTransportError", message: `sending to TaskManager ${tm} failed: ${error.message}` });
      }
    }
  }

  /**
   * The data connection to another TaskManager is gone (it was killed, or sent garbage): every
   * task here with channels to it can no longer make progress. Fail them, so that the JobMaster's
   * failover restarts the job, instead of waiting for a heartbeat timeout.
   */
  private onDataPeerLost(address: string, cause: Error): void {
    const lost = this.data.taskManagersAt(address);
    if (lost.size === 0) return;
    for (const e of this.executions.values()) {
      if (isTerminalExecutionState(e.state) || ![...e.peers].some((p) => lost.has(p))) continue;
      this.failExecution(e, {
        name: "RemoteTransportError",
        message: `data connection to TaskManager ${[...lost].join(", ")} (${address}) lost: ${cause.message}`,
      });
    }
  }

  /** Reports the task failed and stops it in its worker (the JobMaster won't cancel a task it sees as failed). */
  private failExecution(e: Execution, error: { name: string; message: string; stack?: string }): void {
    if (isTerminalExecutionState(e.state)) return;
    this.reportState(e, "FAILED", error);
    e.slot.worker?.post({ type: "cancel", executionId: e.executionId });
  }

  /**
   * A JobMaster that has not asked for a heartbeat within the timeout is presumed gone (frozen, or
   * partitioned away while its connection stays up): free the job's slots so they can be reused.
   */
  private checkJobMasterHeartbeats(): void {
    const now = Date.now();
    for (const [jobId, last] of this.lastJmHeartbeat) {
      if (!this.slots.some((s) => s.jobId === jobId)) {
        this.lastJmHeartbeat.delete(jobId);
        continue;
      }
      if (now - last > this.options.heartbeat.timeoutMs) {
        this.lastJmHeartbeat.delete(jobId);
        this.log.warn(`no heartbeat from the JobMaster of job ${jobId} for ${now - last} ms; freeing its slots`);
        void this.disconnectJobManager(jobId, "JobMaster heartbeat timed out");
      }
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.rmWatch) clearInterval(this.rmWatch);
    await Promise.all(this.slots.map((s) => s.worker?.terminate()));
    for (const s of this.slots) s.worker = undefined;
    this.rm?.close();
    for (const p of this.jobMasters.values()) p.gateway.then((g) => g.close()).catch(() => {});
    await this.options.data.close();
  }
}
