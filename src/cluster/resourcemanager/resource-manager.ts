/**
 * The ResourceManager: keeps the slot table of registered TaskExecutors and matches the slot
 * requirements that JobMasters declare to free slots. For each slot a job still needs it tells a
 * TaskExecutor with a free slot to offer it to the job's JobMaster (as in Flink). It monitors
 * TaskExecutors with heartbeats and forgets one that is lost. With an active resource provider
 * (resource-provider.ts) it also starts TaskManagers when slots are short and stops idle ones
 * (active-worker-pool.ts).
 */
import type { RemoteGateway, RpcService } from "../rpc/interface.js";
import { ENDPOINTS } from "../endpoints.js";
import type { ResourceDeclarationStatus, ResourceManagerGateway } from "./resource-manager-gateway.js";
import type { TaskExecutorGateway } from "../taskexecutor/task-executor-gateway.js";
import type { LogFileInfo, LogRequest, LogTail } from "../logs/log-files.js";
import type { TaskManagerMemory } from "../messages.js";
import { UnknownTaskManagerError } from "./resource-manager-errors.js";
import { HeartbeatMonitor, type HeartbeatSettings } from "../heartbeat.js";
import type { SlotReport, SlotStatus, TaskExecutorRegistration, TaskManagerInfo } from "../messages.js";
import type { Logger } from "../../util/logger.js";
import { systemClock, type Clock } from "../../util/clock.js";
import { randomIds, type IdSource } from "../../util/ids.js";
import { ActiveWorkerPool } from "./active-worker-pool.js";
import type { ResourceProvider } from "./resource-provider.js";

interface RegisteredTaskExecutor {
  registration: TaskExecutorRegistration;
  remote: RemoteGateway<TaskExecutorGateway>;
  slots: SlotStatus[];
}

interface Requirement {
  jobMasterAddress: string;
  slots: number;
  jobMasterToken?: string;
}

export interface ResourceManagerOptions {
  rpc: RpcService;
  heartbeat: HeartbeatSettings;
  logger: Logger;
  /** Fencing token (leader session id). */
  sessionId?: string;
  /** Where TaskManagers come from; without one (or a passive one) they are started by hand. */
  resourceProvider?: ResourceProvider;
  /** Heartbeat timeouts, idle release and start retries run on it. */
  clock?: Clock;
  /** Allocation ids (and the session id when none is given). */
  newId?: IdSource;
}

export class ResourceManager implements ResourceManagerGateway {
  readonly sessionId: string;
  private readonly taskExecutors = new Map<string, RegisteredTaskExecutor>();
  private readonly requirements = new Map<string, Requirement>();
  private readonly heartbeats: HeartbeatMonitor;
  private readonly log: Logger;
  /** Starts and stops TaskManagers when the provider is active. */
  private readonly workers: ActiveWorkerPool | undefined;
  private readonly clock: Clock;
  private readonly newId: IdSource;

  constructor(private readonly options: ResourceManagerOptions) {
    this.clock = options.clock ?? systemClock;
    this.newId = options.newId ?? randomIds;
    this.sessionId = options.sessionId ?? this.newId();
    this.log = options.logger.child("ResourceManager");
    this.heartbeats = new HeartbeatMonitor(
      options.heartbeat,
      (id, ms) => this.removeTaskExecutor(id, `heartbeat of TaskManager ${id} timed out after ${ms} ms`),
      this.clock,
    );
    const provider = options.resourceProvider;
    if (provider?.active) {
      this.workers = new ActiveWorkerPool(provider, {
        taskManagers: () => [...this.taskExecutors.values()].map((t) => ({ id: t.registration.taskManagerId, idle: t.slots.every((s) => !s.jobId) })),
        missingSlots: () => this.missingSlots(),
        removeTaskManager: (id, cause) => this.removeTaskExecutor(id, cause),
      }, this.log, { clock: this.clock, newId: this.newId });
    }
  }

  start(): void {
    this.options.rpc.serve(ENDPOINTS.resourceManager, this as ResourceManagerGateway, { fencingToken: () => this.sessionId });
  }

  async registerTaskExecutor(registration: TaskExecutorRegistration): Promise<{ resourceManagerId: string }> {
    const id = registration.taskManagerId;
    this.workers?.checkRegistration(id);
    if (this.taskExecutors.has(id)) this.removeTaskExecutor(id, "re-registration");
    const remote = await this.options.rpc.connect<TaskExecutorGateway>(registration.address, ENDPOINTS.taskExecutor);
    const entry: RegisteredTaskExecutor = { registration, remote, slots: registration.slotReport.slots };
    this.taskExecutors.set(id, entry);
    this.workers?.workerRegistered(id);
    remote.onDisconnect((cause) => this.removeTaskExecutor(id, `connection to TaskManager ${id} lost: ${cause.message}`));
    this.heartbeats.monitor(id, async () => {
      const report = await remote.gateway.heartbeatFromResourceManager();
      this.applySlotReport(id, report);
      // A report may show slots freed meanwhile (a JobMaster released them).
      this.checkRequirements();
    });
    this.log.info(`registered TaskManager ${id} at ${registration.address} with ${registration.numberOfSlots} slots`);
    this.checkRequirements();
    return { resourceManagerId: this.sessionId };
  }

  heartbeatFromTaskExecutor(taskManagerId: string, report: SlotReport): void {
    this.applySlotReport(taskManagerId, report);
    this.checkRequirements();
  }

  declareRequiredResources(jobId: string, jobMasterAddress: string, slots: number, jobMasterToken?: string): ResourceDeclarationStatus {
    if (slots <= 0) this.requirements.delete(jobId);
    else this.requirements.set(jobId, { jobMasterAddress, slots, jobMasterToken });
    this.checkRequirements();
    return { limit: this.workers?.limitMessage };
  }

  disconnectTaskExecutor(taskManagerId: string, cause: string): void {
    this.removeTaskExecutor(taskManagerId, cause);
  }

  requestTaskManagerLogList(taskManagerId: string): Promise<LogFileInfo[]> {
    return this.askTaskExecutor(taskManagerId, (g) => g.requestLogList());
  }

  requestTaskManagerLog(taskManagerId: string, which: LogRequest, maxBytes: number): Promise<LogTail | undefined> {
    return this.askTaskExecutor(taskManagerId, (g) => g.requestLog(which, maxBytes));
  }

  requestTaskManagerMemory(taskManagerId: string): Promise<TaskManagerMemory> {
    return this.askTaskExecutor(taskManagerId, (g) => g.requestMemory());
  }

  private async askTaskExecutor<R>(taskManagerId: string, ask: (g: RemoteGateway<TaskExecutorGateway>["gateway"]) => Promise<R>): Promise<R> {
    const t = this.taskExecutors.get(taskManagerId);
    if (!t) throw new UnknownTaskManagerError(`TaskManager ${taskManagerId} is not registered`);
    return ask(t.remote.gateway);
  }

  requestTaskManagers(): TaskManagerInfo[] {
    const now = this.clock.now();
    return [...this.taskExecutors.values()].map((t) => ({
      id: t.registration.taskManagerId,
      address: t.registration.address,
      dataAddress: t.registration.dataAddress,
      host: t.registration.host,
      slotsNumber: t.registration.numberOfSlots,
      freeSlots: t.slots.filter((s) => !s.jobId).length,
      hardware: t.registration.hardware,
      memory: t.registration.memory,
      timeSinceLastHeartbeat: now - (this.heartbeats.lastHeard(t.registration.taskManagerId) ?? now),
      slots: t.slots,
      ...(t.registration.prometheusPort !== undefined ? { prometheusPort: t.registration.prometheusPort } : {}),
    }));
  }

  /** Free and total slots, for the scheduler's "waiting for resources" message. */
  slotCounts(): { total: number; free: number } {
    let total = 0;
    let free = 0;
    for (const t of this.taskExecutors.values()) {
      total += t.slots.length;
      free += t.slots.filter((s) => !s.jobId).length;
    }
    return { total, free };
  }

  private applySlotReport(id: string, report: SlotReport): void {
    const t = this.taskExecutors.get(id);
    if (t) t.slots = report.slots;
  }

  private removeTaskExecutor(id: string, cause: string): void {
    const t = this.taskExecutors.get(id);
    if (!t) return;
    this.taskExecutors.delete(id);
    this.heartbeats.unmonitor(id);
    t.remote.close();
    this.log.warn(`TaskManager ${id} removed: ${cause}`);
    this.workers?.taskManagerRemoved(id, cause);
    // Its slots no longer count for their jobs: a job that re-declared its need while they still
    // counted (its JobMaster noticed the loss first) gets slots from the other TaskExecutors now.
    this.checkRequirements();
  }

  /** Slots of registered TaskExecutors allocated to `jobId`. */
  private allocatedTo(jobId: string): number {
    let allocated = 0;
    for (const t of this.taskExecutors.values()) for (const slot of t.slots) if (slot.jobId === jobId) allocated++;
    return allocated;
  }

  /** Slots the requirements still miss after every free slot has been handed out. */
  private missingSlots(): number {
    let missing = 0;
    for (const [jobId, req] of this.requirements) {
      missing += Math.max(0, req.slots - this.allocatedTo(jobId));
    }
    return missing;
  }

  /** Asks TaskExecutors with free slots to offer them to jobs that need more. */
  private checkRequirements(): void {
    for (const [jobId, req] of this.requirements) {
      let missing = req.slots - this.allocatedTo(jobId);
      for (const t of this.taskExecutors.values()) {
        if (missing <= 0) break;
        for (const s of t.slots) {
          if (missing <= 0) break;
          if (s.jobId) continue;
          const allocationId = this.newId();
          s.jobId = jobId;
          s.allocationId = allocationId;
          missing--;
          t.remote.gateway.requestSlot(s.slotIndex, allocationId, jobId, req.jobMasterAddress, req.jobMasterToken).catch((e: Error) => {
            this.log.warn(`slot request to ${t.registration.taskManagerId} failed: ${e.message}`);
            if (s.allocationId === allocationId) {
              s.jobId = undefined;
              s.allocationId = undefined;
            }
          });
        }
      }
    }
    this.workers?.reconcile();
  }

  stop(): void {
    void this.workers?.close();
    this.heartbeats.stop();
    for (const t of this.taskExecutors.values()) t.remote.close();
    this.taskExecutors.clear();
  }
}
