/**
 * TaskManagers whose tasks are simulated, for JobMaster component tests and the control-plane
 * benchmark: each TaskManager is a TestingTaskExecutorGateway on its own in-process RPC service.
 * With `autoRun`, a submitted task reports RUNNING, a cancelled one CANCELED, and a checkpoint
 * triggered at any source is acknowledged by every running task, and a CPU sample request is answered
 * with one sample per running task in a frame named after it — no worker threads, no data.
 */
import { SharedDeployments } from "./shared-deployments.js";
import { LocalRpcService } from "../../cluster/rpc/local-rpc-service.js";
import type { RemoteGateway } from "../../cluster/rpc/interface.js";
import { ENDPOINTS } from "../../cluster/endpoints.js";
import type { JobMasterGateway } from "../../cluster/jobmaster/job-master-gateway.js";
import type { SlotOffer, TaskDeploymentDescriptor } from "../../cluster/messages.js";
import type { TaskCheckpointAck } from "../../runtime/checkpoint/checkpoint-metadata.js";
import { TestingTaskExecutorGateway } from "./testing-task-executor-gateway.js";
import type { TaskExecutorGateway } from "../../cluster/taskexecutor/task-executor-gateway.js";

export interface SimulatedTaskManager {
  id: string;
  rpc: LocalRpcService;
  gateway: TestingTaskExecutorGateway;
  dataAddress: string;
  /** Deployed and not yet ended, by execution id (only what the simulation needs: descriptors are large). */
  tasks: Map<string, SimulatedTask>;
}

export interface SimulatedTask {
  executionId: string;
  vertexId: string;
  subtaskIndex: number;
  attempt: number;
  /** The checkpoint the task restores (decoded on demand: the benchmark measures the JobMaster, not the TaskManagers). */
  readonly restoredCheckpoint: number | undefined;
}

export interface SimulatedTaskManagersOptions {
  count: number;
  slotsPerTaskManager: number;
  /** Simulated tasks answer deployments, cancellations and checkpoint triggers themselves. */
  autoRun?: boolean;
  /** Record every call on the doubles (off for benchmarks). */
  recording?: boolean;
  /** RPC timeout of the simulated TaskManagers' calls (default: the RPC service's). */
  rpcTimeoutMs?: number;
}

export class SimulatedTaskManagers {
  readonly taskManagers: SimulatedTaskManager[] = [];
  private readonly driver: LocalRpcService;
  private jobMaster: RemoteGateway<JobMasterGateway> | undefined;
  private readonly acknowledged = new Set<number>();
  private allocations = 0;

  constructor(private readonly options: SimulatedTaskManagersOptions) {
    const rpcOptions = options.rpcTimeoutMs === undefined ? {} : { defaultTimeoutMs: options.rpcTimeoutMs };
    this.driver = new LocalRpcService(rpcOptions);
    for (let i = 0; i < options.count; i++) {
      const id = `tm-${String(i).padStart(4, "0")}`;
      const tasks = new Map<string, SimulatedTask>();
      const gateway = new TestingTaskExecutorGateway(options.autoRun ? this.simulatedTasks(tasks) : {}, options.recording ?? true);
      const rpc = new LocalRpcService(rpcOptions);
      gateway.serve(rpc);
      this.taskManagers.push({ id, rpc, gateway, dataAddress: `sim://${id}`, tasks });
    }
  }

  /** The JobMaster the simulated tasks report to. */
  async connect(jobMasterAddress: string, jobId: string, fencingToken?: string): Promise<RemoteGateway<JobMasterGateway>> {
    this.jobMaster?.close();
    const options = fencingToken === undefined ? {} : { fencingToken };
    this.jobMaster = await this.driver.connect<JobMasterGateway>(jobMasterAddress, ENDPOINTS.jobMaster(jobId), options);
    return this.jobMaster;
  }

  get gateway(): RemoteGateway<JobMasterGateway>["gateway"] {
    if (!this.jobMaster) throw new Error("connect() to a JobMaster first");
    return this.jobMaster.gateway;
  }

  /** Every TaskManager offers all its slots to the JobMaster; returns the offers accepted. */
  async offerAllSlots(): Promise<SlotOffer[]> {
    const accepted = await Promise.all(this.taskManagers.map((tm) => this.offerSlots(tm)));
    return accepted.flat();
  }

  offerSlots(tm: SimulatedTaskManager): Promise<SlotOffer[]> {
    const offers = Array.from({ length: this.options.slotsPerTaskManager }, (_, slotIndex) => ({ allocationId: `alloc-${this.allocations++}`, slotIndex }));
    return this.gateway.offerSlots(tm.id, tm.rpc.address, tm.dataAddress, offers);
  }

  /** Reports a state of one task, as its TaskExecutor would. */
  report(executionId: string, state: "RUNNING" | "FINISHED" | "FAILED" | "CANCELED", error?: { name: string; message: string }): Promise<void> {
    if (state !== "RUNNING") for (const tm of this.taskManagers) tm.tasks.delete(executionId);
    return this.gateway.updateTaskExecutionState(executionId, state, error);
  }

  /** Stops a TaskManager's RPC service, as if its process died. */
  async kill(tm: SimulatedTaskManager): Promise<void> {
    tm.tasks.clear();
    await tm.rpc.stop();
  }

  async stop(): Promise<void> {
    this.jobMaster?.close();
    await Promise.all([...this.taskManagers.map((tm) => tm.rpc.stop()), this.driver.stop()]);
  }

  private simulatedTasks(tasks: Map<string, SimulatedTask>): Partial<TaskExecutorGateway> {
    const shared = new SharedDeployments();
    return {
      submitTask: async (submission) => {
        const { executionId, vertexId, subtaskIndex, attempt } = submission;
        shared.remember(submission);
        tasks.set(executionId, {
          executionId,
          vertexId,
          subtaskIndex,
          attempt,
          get restoredCheckpoint() {
            return shared.descriptor(submission).restore?.checkpointId;
          },
        });
        void this.gateway.updateTaskExecutionState(executionId, "RUNNING").catch(() => {});
      },
      cancelTask: (executionId) => {
        if (!tasks.delete(executionId)) return;
        void this.gateway.updateTaskExecutionState(executionId, "CANCELED").catch(() => {});
      },
      requestCpuSamples: async (executionIds) => {
        const out: Record<string, { name: string; value: number; children: { name: string; value: number; children: [] }[] }> = {};
        for (const id of executionIds) {
          const t = tasks.get(id);
          if (t) out[id] = { name: "root", value: 1, children: [{ name: `subtask ${t.subtaskIndex} of ${t.vertexId}`, value: 1, children: [] }] };
        }
        return out;
      },
      triggerCheckpoint: (_executionId, trigger) => {
        const id = trigger.barrier.checkpointId;
        if (this.acknowledged.has(id)) return;
        this.acknowledged.add(id);
        for (const tm of this.taskManagers) {
          for (const tdd of tm.tasks.values()) void this.gateway.acknowledgeCheckpoint(tdd.executionId, id, ackOf(tdd)).catch(() => {});
        }
      },
    };
  }
}

function ackOf(tdd: SimulatedTask): TaskCheckpointAck {
  return {
    vertexId: tdd.vertexId,
    subtask: tdd.subtaskIndex,
    keyGroupStart: 0,
    keyGroupEnd: 0,
    file: "",
    bytes: 0,
    operators: [],
    syncDurationMs: 0,
    asyncDurationMs: 0,
    alignmentDurationMs: 0,
  };
}
