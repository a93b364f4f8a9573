/**
 * Simulated slot workers (the TaskExecutor's SlotWorkerHandle): no threads and no user code. A worker answers the worker protocol
 * (src/runtime/worker/worker-protocol.ts) after seeded delays — `deploy` → `bound`, INITIALIZING,
 * RUNNING (and FINISHED for bounded jobs), `cancel` → CANCELED, checkpoint triggers → acks once the
 * barrier has passed every source of the attempt — and fails tasks when told to. It also keeps the
 * ground truth of which task attempts really run, for the invariants.
 */
import type { ExecutionState, TaskDeploymentDescriptor } from "../../runtime/tasks/deployment.js";
import type { ToWorker } from "../../runtime/worker/worker-protocol.js";
import type { ControlFromWorker, SlotWorkerFactory, SlotWorkerHandle, SlotWorkerOptions } from "../../cluster/taskexecutor/slot-worker-handle.js";
import type { TaskCheckpointAck } from "../../runtime/checkpoint/checkpoint-metadata.js";
import type { SimKernel, SimProcess } from "./kernel.js";
import type { Trace } from "./trace.js";

export interface SimTask {
  readonly executionId: string;
  readonly jobId: string;
  readonly vertexId: string;
  readonly subtask: number;
  readonly isSource: boolean;
  /** Job, leader session and attempt: the tasks that exchange data and barriers with each other. */
  readonly attemptKey: string;
  readonly workerKey: string;
  readonly worker: SimSlotWorker;
  state: ExecutionState | "GONE";
  runningSince?: number;
}

export interface TaskBehaviour {
  /** Running time after which a task of a bounded job finishes; undefined: the job runs forever. */
  boundedRunMs(jobId: string): number | undefined;
  /** Chance that an acknowledgement is lost on its way (checked per ack). */
  ackLossChance(): number;
}

/** A simulated slot worker, given to the TaskExecutor through its worker factory. */
export class SimSlotWorker implements SlotWorkerHandle {
  readonly tasks = new Map<string, SimTask>();
  terminated = false;

  constructor(
    private readonly world: SimTaskWorld,
    readonly process: SimProcess,
    private readonly options: SlotWorkerOptions,
  ) {}

  get key(): string {
    return this.options.key;
  }

  post(message: ToWorker): void {
    if (!this.terminated) this.world.receive(this, message);
  }

  /** Simulated tasks exchange no records. */
  deliver(): void {}

  connectTo(): void {}

  async terminate(): Promise<void> {
    if (this.terminated) return;
    this.terminated = true;
    for (const t of this.tasks.values()) this.world.stopped(t, "worker terminated");
  }

  /** Sends to the TaskExecutor's main thread after `delayMs`, unless the worker is gone by then. */
  emit(message: ControlFromWorker, delayMs: number): void {
    this.world.kernel.schedule(
      () => {
        if (!this.terminated) this.options.onMessage(message);
      },
      delayMs,
      this.process,
    );
  }
}

export class SimTaskWorld {
  /** Every task attempt ever deployed, by execution id. */
  readonly tasks = new Map<string, SimTask>();
  /** Per attempt and checkpoint: source subtasks the barrier has passed. */
  private readonly barriers = new Map<string, Set<string>>();
  readonly workers = new Set<SimSlotWorker>();

  constructor(
    readonly kernel: SimKernel,
    private readonly trace: Trace,
    private readonly behaviour: TaskBehaviour,
  ) {}

  /** The worker factory of a TaskExecutor in `process`. */
  workerFactory(process: SimProcess): SlotWorkerFactory {
    return (options) => this.createWorker(process, options);
  }

  createWorker(process: SimProcess, options: SlotWorkerOptions): SimSlotWorker {
    const worker = new SimSlotWorker(this, process, options);
    this.workers.add(worker);
    process.crashListeners.push(() => {
      worker.terminated = true;
      for (const t of worker.tasks.values()) this.stopped(t, "process crashed");
    });
    return worker;
  }

  receive(worker: SimSlotWorker, m: ToWorker): void {
    switch (m.type) {
      case "init":
        return;
      case "deploy":
        return this.deploy(worker, m.tdd);
      case "cancel": {
        const t = worker.tasks.get(m.executionId);
        if (t) worker.emit({ type: "task-state", executionId: t.executionId, state: "CANCELED" }, this.kernel.prng.int(1, 100));
        if (t) this.kernel.schedule(() => this.setState(t, "CANCELED"), 0, worker.process);
        return;
      }
      case "trigger-checkpoint":
        return this.sourceBarrier(worker, m.executionId, m.trigger.barrier.checkpointId);
      case "metric-dump":
        // Simulated tasks keep no metrics: an empty collection, answered like a real worker would.
        return worker.emit({ type: "metric-dump", requestId: m.requestId, groups: [] }, 1);
      case "checkpoint-complete":
      case "checkpoint-aborted":
      case "peer":
        return;
      case "data":
        return;
    }
  }

  private deploy(worker: SimSlotWorker, tdd: TaskDeploymentDescriptor): void {
    const vertex = tdd.jobGraph.vertices.find((v) => v.id === tdd.vertexId);
    const task: SimTask = {
      executionId: tdd.executionId,
      jobId: tdd.jobId,
      vertexId: tdd.vertexId,
      subtask: tdd.subtaskIndex,
      isSource: vertex?.isSource ?? false,
      attemptKey: `${tdd.jobId}/${tdd.jobMasterToken ?? "-"}/${tdd.attempt}`,
      workerKey: worker.key,
      worker,
      state: "DEPLOYING",
    };
    worker.tasks.set(task.executionId, task);
    this.tasks.set(task.executionId, task);
    const p = this.kernel.prng;
    const bound = p.int(1, 50);
    const running = bound + p.int(10, 300);
    worker.emit({ type: "bound", executionId: task.executionId }, bound);
    worker.emit({ type: "task-state", executionId: task.executionId, state: "INITIALIZING" }, bound + 1);
    worker.emit({ type: "task-state", executionId: task.executionId, state: "RUNNING" }, running);
    this.kernel.schedule(() => this.setState(task, "RUNNING"), running, worker.process);
    const runMs = this.behaviour.boundedRunMs(task.jobId);
    if (runMs !== undefined) {
      worker.emit({ type: "task-state", executionId: task.executionId, state: "FINISHED" }, running + runMs);
      this.kernel.schedule(() => this.setState(task, "FINISHED"), running + runMs, worker.process);
    }
  }

  /** A seeded task failure: the task reports FAILED (its worker lives on). */
  fail(task: SimTask, reason: string): void {
    if (task.state !== "RUNNING" || task.worker.terminated) return;
    this.trace.log(`FAULT task failure ${task.executionId.slice(0, 12)} on ${task.workerKey}`);
    task.worker.emit({ type: "task-state", executionId: task.executionId, state: "FAILED", error: { name: "SimulatedTaskFailure", message: reason } }, 0);
    this.kernel.schedule(() => this.setState(task, "FAILED"), 0, task.worker.process);
  }

  running(): SimTask[] {
    return [...this.tasks.values()].filter((t) => t.state === "RUNNING");
  }

  stopped(task: SimTask, why: string): void {
    if (task.state === "GONE" || task.state === "FINISHED" || task.state === "CANCELED" || task.state === "FAILED") return;
    task.state = "GONE";
    task.runningSince = undefined;
    this.trace.log(`TASK ${task.executionId.slice(0, 12)} ${task.vertexId}#${task.subtask} on ${task.workerKey} stopped: ${why}`);
  }

  private setState(task: SimTask, state: ExecutionState): void {
    if (task.state === "GONE" || task.state === "FINISHED" || task.state === "CANCELED" || task.state === "FAILED" || task.worker.terminated) return;
    task.state = state;
    if (state === "RUNNING") task.runningSince = this.kernel.clock.now();
    else task.runningSince = undefined;
    this.trace.log(`TASK ${task.executionId.slice(0, 12)} ${task.vertexId}#${task.subtask} on ${task.workerKey} ${state}`);
  }

  /** The barrier of `checkpointId` entered at a source; once it has passed all sources, every task acks. */
  private sourceBarrier(worker: SimSlotWorker, executionId: string, checkpointId: number): void {
    const task = worker.tasks.get(executionId);
    if (!task || task.state !== "RUNNING") return;
    this.ack(task, checkpointId);
    const key = `${task.attemptKey}@${checkpointId}`;
    let passed = this.barriers.get(key);
    if (!passed) this.barriers.set(key, (passed = new Set()));
    passed.add(executionId);
    const attempt = [...this.tasks.values()].filter((t) => t.attemptKey === task.attemptKey && t.state === "RUNNING");
    const sources = attempt.filter((t) => t.isSource);
    if (sources.length === 0 || !sources.every((s) => passed.has(s.executionId))) return;
    this.barriers.delete(key);
    for (const t of attempt) if (!t.isSource) this.ack(t, checkpointId);
  }

  private ack(task: SimTask, checkpointId: number): void {
    if (this.kernel.prng.chance(this.behaviour.ackLossChance())) {
      this.trace.log(`FAULT checkpoint ${checkpointId} ack of ${task.executionId.slice(0, 12)} lost`);
      return;
    }
    const ack: TaskCheckpointAck = {
      vertexId: task.vertexId,
      subtask: task.subtask,
      keyGroupStart: 0,
      keyGroupEnd: 0,
      file: "",
      bytes: 0,
      operators: [],
      syncDurationMs: 0,
      asyncDurationMs: 0,
      alignmentDurationMs: 0,
    };
    task.worker.emit({ type: "checkpoint-ack", executionId: task.executionId, checkpointId, ack }, this.kernel.prng.int(1, 200));
  }
}
