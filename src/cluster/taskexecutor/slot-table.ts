/**
 * A TaskExecutor's slots (docs/architecture.md, "Components"): which allocation and job each slot
 * holds, for which JobMaster, its worker, and the task executions deployed into it with their last
 * metrics. A slot holds the tasks of one job; freeing it forgets its executions.
 */
import type { HeldForJob, SlotReport, TaskMetrics } from "../messages.js";
import { FencingTokenMismatchError } from "../rpc/interface.js";
import { parseWorkerKey } from "../../runtime/network/frames.js";
import { isTerminalExecutionState, type ExecutionState, type TaskDeploymentDescriptor } from "../../runtime/tasks/deployment.js";
import type { Timer } from "../../util/clock.js";
import type { SlotWorkerHandle } from "./slot-worker-handle.js";

export interface SlotAllocation {
  allocationId: string;
  jobId: string;
  jobMasterAddress: string;
  /** The fencing token of the JobMaster the slot is allocated to (its leader session id), if fenced. */
  jobMasterToken: string | undefined;
}

export interface Slot {
  readonly index: number;
  allocation?: SlotAllocation;
  worker?: SlotWorkerHandle;
}

export interface Execution {
  readonly executionId: string;
  readonly jobId: string;
  readonly slot: Slot;
  state: ExecutionState;
  /** Other TaskManagers running tasks of the same job attempt: a lost data connection to one breaks this task's channels. */
  readonly peers: ReadonlySet<string>;
  /** Whether the deployment has been handed to the worker (false while the job bundle downloads). */
  inWorker: boolean;
  /** Runs from deployment until the worker has bound the job's functions (taskmanager.job.evaluation-timeout). */
  bindTimer?: Timer;
}

/** What a freed slot held. */
export interface FreedSlot {
  allocation: SlotAllocation;
  worker: SlotWorkerHandle | undefined;
  executions: Execution[];
}

export class SlotTable {
  readonly slots: readonly Slot[];
  private readonly executions = new Map<string, Execution>();
  private readonly metrics = new Map<string, TaskMetrics>();

  constructor(numberOfSlots: number) {
    this.slots = Array.from({ length: numberOfSlots }, (_, index) => ({ index }));
  }

  get size(): number {
    return this.slots.length;
  }

  /** Allocates slot `index` (again, for the same allocation id); throws for a missing or otherwise allocated slot. */
  allocate(index: number, allocation: SlotAllocation): Slot {
    const slot = this.slots[index];
    if (!slot) throw new Error(`no slot ${index}`);
    if (slot.allocation && slot.allocation.allocationId !== allocation.allocationId) throw new Error(`slot ${index} is already allocated`);
    slot.allocation = allocation;
    return slot;
  }

  /** The slot allocated to `jobId` at `index`, if it is. */
  allocatedTo(index: number, jobId: string): Slot | undefined {
    const slot = this.slots[index];
    return slot?.allocation?.jobId === jobId ? slot : undefined;
  }

  /**
   * The slot a deployment names, checked: here, allocated to the job under the deployment's
   * allocation, for the deploying JobMaster (FencingTokenMismatchError for a stale one).
   */
  slotForDeployment(tdd: TaskDeploymentDescriptor, taskManagerId: string, onStale: () => void = () => {}): Slot {
    const location = parseWorkerKey(tdd.locations[tdd.vertexId]![tdd.subtaskIndex]!);
    // A free slot has no job: without the allocation check a descriptor without one would match it.
    const slot = location.taskManagerId === taskManagerId ? this.allocatedTo(location.slotIndex, tdd.jobId) : undefined;
    if (!slot?.allocation) throw new Error(`slot ${location.slotIndex} is not allocated to job ${tdd.jobId}`);
    const holder = slot.allocation.jobMasterToken;
    if (tdd.jobMasterToken !== undefined && holder !== undefined && tdd.jobMasterToken !== holder) {
      onStale();
      throw new FencingTokenMismatchError(`slot ${location.slotIndex} is allocated to another JobMaster of job ${tdd.jobId}: the deploying JobMaster is stale`);
    }
    if (tdd.allocationId !== undefined && tdd.allocationId !== slot.allocation.allocationId) {
      throw new Error(`slot ${location.slotIndex} no longer holds allocation ${tdd.allocationId} of job ${tdd.jobId}: the deployment is stale`);
    }
    return slot;
  }

  byAllocation(allocationId: string): Slot | undefined {
    return this.slots.find((s) => s.allocation?.allocationId === allocationId);
  }

  slotsOf(jobId: string): Slot[] {
    return this.slots.filter((s) => s.allocation?.jobId === jobId);
  }

  hasJob(jobId: string): boolean {
    return this.slots.some((s) => s.allocation?.jobId === jobId);
  }

  /** Clears the slot's allocation and worker and forgets its executions; undefined when it was free. */
  free(slot: Slot): FreedSlot | undefined {
    const allocation = slot.allocation;
    if (!allocation) return undefined;
    const worker = slot.worker;
    slot.allocation = undefined;
    slot.worker = undefined;
    const executions = this.executionsIn(slot);
    for (const e of executions) {
      e.bindTimer?.cancel();
      this.executions.delete(e.executionId);
    }
    return { allocation, worker, executions };
  }

  addExecution(execution: Execution): void {
    this.executions.set(execution.executionId, execution);
  }

  /** Forgets an execution that never reached its worker. */
  removeExecution(execution: Execution): void {
    if (this.executions.get(execution.executionId) === execution) this.executions.delete(execution.executionId);
  }

  execution(executionId: string): Execution | undefined {
    return this.executions.get(executionId);
  }

  executionsIn(slot: Slot): Execution[] {
    return [...this.executions.values()].filter((e) => e.slot === slot);
  }

  /** Executions that have not reached a terminal state. */
  liveExecutions(): Execution[] {
    return [...this.executions.values()].filter((e) => !isTerminalExecutionState(e.state));
  }

  recordMetrics(executionId: string, metrics: TaskMetrics): void {
    if (this.executions.has(executionId)) this.metrics.set(executionId, metrics);
  }

  forgetMetrics(executionId: string): void {
    this.metrics.delete(executionId);
  }

  /** The last metrics of the job's executions here. */
  metricsOf(jobId: string): Record<string, TaskMetrics> {
    const out: Record<string, TaskMetrics> = {};
    for (const [id, e] of this.executions) {
      const m = this.metrics.get(id);
      if (e.jobId === jobId && m) out[id] = m;
    }
    return out;
  }

  /**
   * The allocations and executions held for a job's JobMaster (with `jobMasterToken`, only those of
   * slots allocated to that JobMaster): what its heartbeats reconcile against.
   */
  heldFor(jobId: string, jobMasterToken: string | undefined): HeldForJob {
    const slots = this.slotsOf(jobId).filter((s) => jobMasterToken === undefined || s.allocation!.jobMasterToken === undefined || s.allocation!.jobMasterToken === jobMasterToken);
    const executions: Record<string, ExecutionState> = {};
    for (const e of this.executions.values()) if (slots.includes(e.slot)) executions[e.executionId] = e.state;
    return { allocations: slots.map((s) => s.allocation!.allocationId), executions };
  }

  report(): SlotReport {
    return { slots: this.slots.map((s) => ({ slotIndex: s.index, jobId: s.allocation?.jobId, allocationId: s.allocation?.allocationId })) };
  }

  /** Number of live workers (one per allocated slot in use). */
  get activeWorkers(): number {
    return this.slots.filter((s) => s.worker).length;
  }
}
