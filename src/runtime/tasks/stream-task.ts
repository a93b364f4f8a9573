/**
 * One parallel subtask of a vertex, running in a slot's worker thread. It opens the operator
 * chain, then either polls the source reader (source vertices) or processes what its input gate
 * receives, and finishes when its input ends: final watermark, finish(), flush, end-of-data to
 * every consumer, the final checkpoint (final-checkpoint.ts), end-of-partition, close.
 *
 * Processing is synchronous per buffer (a chain is a pipeline of calls); the task yields to the
 * event loop between buffers so that credits, timers and control messages get through.
 */
import { taskMetricsSummary } from "./task-metrics-summary.js";
import { TaskAccumulators } from "./task-accumulators.js";
import type { RuntimeContext } from "../../api/runtime-context.js";
import type { JobVertex } from "../../graph/job-graph.js";
import type { DataEndpoint } from "../network/data-endpoint.js";
import { taskManagerOf } from "../network/frames.js";
import type { InputGate } from "../network/input-gate.js";
import type { OutputCounters } from "../network/result-subpartition.js";
import { type BoundFunctions, OperatorChain } from "./operator-chain.js";
import { type ExecutionState, type TaskDeploymentDescriptor, type TaskMetrics } from "./deployment.js";
import { serializeError, type SerializedError } from "../../errors/serialized-error.js";
import { TaskProcessingTimeService } from "./processing-time-service.js";
import { SourceOperator } from "./source-operator.js";
import { TimeAccounting } from "./time-accounting.js";
import { taskFrame, type TaskFrame } from "./task-frame.js";
import { TaskMetricGroups } from "./task-metric-groups.js";
import { CounterView } from "../metrics/metric-types.js";
import type { Barrier } from "../checkpoint/barrier-aligner.js";
import { StreamInputProcessor, type InputTaskHost } from "./stream-input-processor.js";
import { ChainEnd, FinalCheckpoint } from "./final-checkpoint.js";
import { TaskCheckpointer, type CheckpointReporter } from "./task-checkpointer.js";
import { taskLocalStateStore } from "../checkpoint/local/task-manager-local-state.js";
import type { TaskStateRestorer } from "../checkpoint/task-restore.js";
import { keyGroupRange } from "../../graph/key-groups.js";
import { TaskNotReadyForCheckpointError } from "../checkpoint/checkpoint-declined.js";
import type { EnumeratorToReader } from "../coordination/source-events.js";
import { CollectIteratorSinkOperator } from "../operators/collect/collect-iterator-sink.js";
import type { OperatorEventToCoordinator, OperatorEventToTask } from "../coordination/operator-events.js";

export interface TaskCallbacks {
  onStateChange(state: ExecutionState, error?: SerializedError): void;
  collect(nodeId: number, values: unknown[]): void;
  checkpoint: CheckpointReporter;
  /** An operator event for a coordinator in the JobMaster (a source's enumerator or alignment, a collect sink's coordinator). */
  sendToCoordinator?(event: OperatorEventToCoordinator): void;
}

/** A checkpoint a source task is asked to start; `stop` ends the source after it (stop-with-savepoint). */
export interface CheckpointTrigger {
  barrier: Barrier;
  stop?: "terminate" | "drain";
}

const SOURCE_POLLS_PER_ROUND = 512;
const YIELD_EVERY_MS = 4;
const DEFAULT_BUFFER_TIMEOUT_MS = 100;

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class StreamTask {
  private readonly vertex: JobVertex;
  private readonly chain: OperatorChain;
  /** The input side (tasks with inputs): gate, barrier aligner, processing loop. */
  private readonly input: StreamInputProcessor | undefined;
  private readonly time: TaskProcessingTimeService;
  private readonly accounting = new TimeAccounting();
  /** Input batches and source polls run in it, so CPU samples name this task (task-frame.ts). */
  private readonly inTaskFrame: TaskFrame;
  private readonly outputCounters: OutputCounters = { records: 0, bytes: 0, buffers: 0 };
  private state: ExecutionState = "DEPLOYING";
  /** The user functions' accumulators, reported with the metrics (docs/architecture.md, "Accumulators"). */
  private readonly accumulators = new TaskAccumulators();
  /** Where the task's metrics and those of its operators are registered (docs/metrics.md). */
  private readonly metricGroups: TaskMetricGroups;
  private readonly finalCheckpoint: FinalCheckpoint;
  private readonly end: ChainEnd;
  /** The restored checkpoint says this subtask had finished: its operators are opened (recovery) but never run. */
  private readonly finishedOnRestore: boolean;
  private settle!: (outcome: "finished" | "canceled" | Error) => void;
  private readonly done = new Promise<"finished" | "canceled" | Error>((resolve) => (this.settle = resolve));
  private wakeSource: (() => void) | undefined;
  private readonly checkpointer: TaskCheckpointer;
  /** Whether the restored state came from the local copy; undefined when the task restored nothing. */
  private readonly restoredLocally: boolean | undefined;
  /**
   * Triggers not taken yet, oldest first: each must get its snapshot and barrier, or its
   * checkpoint would stay pending until it expires (two can arrive before the loop gets to them).
   */
  private readonly pendingTriggers: Array<{ trigger: CheckpointTrigger; eventsBefore: number }> = [];
  /** Operator events received and applied so far: a trigger's snapshot follows exactly the events that came before it. */
  private eventsReceived = 0;
  private eventsApplied = 0;
  /**
   * Events from the enumerator not applied yet: those that came after a checkpoint trigger wait for
   * that checkpoint (docs/architecture.md, "Sources and split enumerators"), and those that come
   * before the reader exists wait for it.
   */
  private readonly operatorEvents: EnumeratorToReader[] = [];

  constructor(
    readonly tdd: TaskDeploymentDescriptor,
    fns: BoundFunctions,
    private readonly endpoint: DataEndpoint,
    private readonly callbacks: TaskCallbacks,
    metricGroups: (vertex: JobVertex) => TaskMetricGroups,
    /** The restored state (loadTaskRestorer); required when the deployment restores one. */
    restorer?: TaskStateRestorer,
  ) {
    if (tdd.restore && !restorer) throw new Error("a deployment that restores state needs its TaskStateRestorer (loadTaskRestorer)");
    const vertex = tdd.jobGraph.vertices.find((v) => v.id === tdd.vertexId);
    if (!vertex) throw new Error(`vertex ${tdd.vertexId} is not in the job graph`);
    this.vertex = vertex;
    this.inTaskFrame = taskFrame(tdd.executionId);
    this.metricGroups = metricGroups(vertex);
    const groups = this.metricGroups;
    // A source task's records in are what its reader emits (the head operator counts them).
    const taskRecordsIn = vertex.isSource ? new CounterView(() => (this.chain?.head as SourceOperator | undefined)?.emitted.count ?? 0) : groups.numRecordsIn;
    this.time = new TaskProcessingTimeService((e) => this.fail(e));
    const runtimeContext: RuntimeContext = {
      jobId: tdd.jobId,
      taskName: vertex.name,
      subtaskIndex: tdd.subtaskIndex,
      parallelism: vertex.parallelism,
      maxParallelism: vertex.maxParallelism,
      attemptNumber: tdd.attempt,
      globalJobParameters: (tdd.jobGraph.settings.globalJobParameters as Record<string, string> | undefined) ?? {},
      ...this.accumulators.context,
      getMetricGroup: () => groups.task,
    };
    this.chain = new OperatorChain(
      {
        tdd,
        vertex,
        fns,
        endpoint,
        runtimeContext,
        processingTime: this.time,
        outputCounters: this.outputCounters,
        collect: (nodeId, values) => callbacks.collect(nodeId, values),
        ...(callbacks.sendToCoordinator ? { sendToCoordinator: (event: OperatorEventToCoordinator) => callbacks.sendToCoordinator!(event) } : {}),
        restorer,
        metrics: groups,
        taskRecordsIn,
        headInputWatermark: vertex.isSource ? undefined : () => this.gate?.currentWatermark() ?? null,
        reportConnectionRetry: (error) => this.reportConnectionRetry(error),
      },
      (d, states, operatorContext) =>
        new SourceOperator(
          {
          descriptor: d,
          fns: fns.nodes.get(d.nodeId) ?? {},
          keySelectors: [],
          runtimeContext: operatorContext,
          keyedState: undefined,
          operatorState: states.operatorState,
          isRestored: states.isRestored,
          processingTime: this.time,
          settings: tdd.jobGraph.settings as Record<string, unknown>,
          collect: () => {},
          },
          // Every source reaches the JobMaster: the enumerator's events, if it has one, and watermark alignment.
          callbacks.sendToCoordinator ? { location: taskManagerOf(endpoint.self), send: (event) => callbacks.sendToCoordinator!(event) } : undefined,
          (error) => this.reportConnectionRetry(error),
        ),
    );
    this.finalCheckpoint = new FinalCheckpoint(tdd.finalCheckpoint === true);
    this.end = new ChainEnd(this.chain, this.finalCheckpoint);
    this.finishedOnRestore = restorer?.finishedOnRestore(this.chain.states.map((s) => s.uid)) ?? false;
    this.restoredLocally = restorer?.restoredLocally;
    this.checkpointer = new TaskCheckpointer(vertex, tdd.subtaskIndex, this.chain, callbacks.checkpoint, this.finalCheckpoint, {
      copies: taskLocalStateStore(tdd.localStateDir),
      ...(this.restoredLocally !== undefined ? { restoredLocally: this.restoredLocally } : {}),
    });
    const channelState = restorer?.channelState();
    if (channelState) this.chain.restoreInFlightOutput(channelState.outputs);
    if (!vertex.isSource) this.input = new StreamInputProcessor(this.inputHost(), channelState);
    groups.registerTask({
      numRecordsIn: taskRecordsIn,
      numBytesIn: groups.numBytesIn,
      numRecordsOut: new CounterView(() => this.outputCounters.records),
      numBytesOut: new CounterView(() => this.outputCounters.bytes),
      accounting: this.accounting,
      inputWatermark: () => this.gate?.currentWatermark() ?? null,
      inputQueueLength: () => this.gate?.queuedBuffers ?? 0,
      outputQueueLength: () => this.chain.backlogBuffers(),
      inputCapacity: () => this.gate?.capacity ?? 0,
      backloggedOutputChannels: () => this.chain.backloggedChannels(),
      outputChannels: () => this.chain.outputChannels(),
    });
    if (this.restoredLocally !== undefined) groups.task.gauge("restoredLocally", () => (this.restoredLocally ? 1 : 0));
  }

  private get gate(): InputGate | undefined {
    return this.input?.gate;
  }

  private inputHost(): InputTaskHost {
    const task = this;
    return {
      tdd: this.tdd,
      vertex: this.vertex,
      chain: this.chain,
      endpoint: this.endpoint,
      checkpointer: this.checkpointer,
      accounting: this.accounting,
      inTaskFrame: this.inTaskFrame,
      metricGroups: this.metricGroups,
      get running() {
        return task.running;
      },
      get operatorsFinishing() {
        return task.end.finishing;
      },
      get finalCheckpointReached() {
        return task.finalCheckpoint.isReached;
      },
      stopTime: () => this.time.stop(),
      fail: (e) => this.fail(e),
      finishOperators: () => this.end.finishOperators(),
      finishTask: (stopped) => this.finishTask(stopped),
    };
  }

  get executionState(): ExecutionState {
    return this.state;
  }

  /** Runs the task to its end; never rejects (failures are reported as state FAILED). */
  async run(): Promise<void> {
    try {
      this.transition("INITIALIZING");
      this.chain.operators.forEach((op, i) => op.initializeState(this.chain.states[i]!.restored));
      // Open from the tail to the head, so an operator never emits into an unopened successor.
      for (const op of [...this.chain.operators].reverse()) await op.open();
      this.startBufferTimeout();
      this.transition("RUNNING");
      if (this.finishedOnRestore) this.end.restoredFinished();
      else this.applyOperatorEvents();
      if (this.vertex.isSource) void (this.finishedOnRestore ? this.runFinishedSource() : this.runSourceLoop());
      else this.input!.start();
      const outcome = await this.done;
      if (outcome instanceof Error) throw outcome;
      if (outcome === "canceled") {
        await this.closeQuietly();
        this.transition("CANCELED");
        return;
      }
      await this.closeOperators();
      this.transition("FINISHED");
    } catch (e) {
      await this.closeQuietly();
      this.transition("FAILED", serializeError(e));
    }
  }

  // ---- checkpoints -------------------------------------------------------------------------------

  /** Source tasks: take a checkpoint at the next record boundary and send its barrier downstream. */
  triggerCheckpoint(trigger: CheckpointTrigger): void {
    if (!this.vertex.isSource || !this.running) {
      this.callbacks.checkpoint.decline(trigger.barrier.checkpointId, serializeError(new TaskNotReadyForCheckpointError(`task is ${this.state}`)));
      return;
    }
    this.pendingTriggers.push({ trigger, eventsBefore: this.eventsReceived });
    this.wakeSource?.();
  }

  /**
   * An event from a coordinator: for the source (split assignment, no more splits, a custom event,
   * alignment), applied in order with checkpoint triggers; for a collect sink, at once.
   */
  handleOperatorEvent(event: OperatorEventToTask): void {
    if (event.kind === "collect-ack") {
      const sink = this.chain.operatorOf(event.nodeId);
      if (sink instanceof CollectIteratorSinkOperator) sink.handleOperatorEvent(event);
      return;
    }
    this.operatorEvents.push(event);
    this.eventsReceived++;
    if (this.pendingTriggers.length === 0) this.applyOperatorEvents();
  }

  /** Applies the events not applied yet; with `upTo`, only those among the first `upTo` received. */
  private applyOperatorEvents(upTo = Number.POSITIVE_INFINITY): void {
    const head = this.chain.head;
    if (!(head instanceof SourceOperator) || !head.reader || this.operatorEvents.length === 0) return;
    if (this.state !== "RUNNING" && this.state !== "INITIALIZING") return;
    try {
      while (this.operatorEvents.length > 0 && this.eventsApplied < upTo) {
        this.eventsApplied++;
        head.handleOperatorEvent(this.operatorEvents.shift()!);
      }
    } catch (e) {
      this.fail(e);
      return;
    }
    this.wakeSource?.();
  }

  async notifyCheckpointComplete(checkpointId: number): Promise<void> {
    try {
      await this.checkpointer.notifyComplete(checkpointId);
    } catch (e) {
      this.fail(e);
      return;
    }
    // Only after the operators' commits for it are done may this be the task's final checkpoint.
    this.finalCheckpoint.checkpointCompleted(checkpointId);
    if (this.finalCheckpoint.isReached) {
      if (this.vertex.isSource) this.wakeSource?.();
      else this.input!.resume();
    }
  }

  notifyCheckpointAborted(checkpointId: number): void {
    this.checkpointer.notifyAborted(checkpointId);
  }

  cancel(): void {
    if (this.state === "FINISHED" || this.state === "FAILED" || this.state === "CANCELED") return;
    this.transition("CANCELING");
    this.settle("canceled");
    this.wakeSource?.();
  }

  private fail(e: unknown): void {
    this.settle(e instanceof Error ? e : new Error(String(e)));
    this.wakeSource?.();
  }

  private get running(): boolean {
    return this.state === "RUNNING";
  }

  /**
   * A connector retries its server: the state is reported again with the error, which the JobMaster
   * keeps as a non-fatal entry of the exception history (docs/connectors.md, "Server down at start").
   */
  private reportConnectionRetry(error: unknown): void {
    if (this.state !== "INITIALIZING" && this.state !== "RUNNING") return;
    this.callbacks.onStateChange(this.state, serializeError(error));
  }

  private transition(state: ExecutionState, error?: SerializedError): void {
    this.state = state;
    this.callbacks.onStateChange(state, error);
  }

  private startBufferTimeout(): void {
    // The shortest positive timeout of the chain's operators (setBufferTimeout) or else the job's.
    const job = Number((this.tdd.jobGraph.settings as Record<string, unknown>).bufferTimeoutMs ?? DEFAULT_BUFFER_TIMEOUT_MS);
    const own = this.vertex.operators.map((o) => o.config.bufferTimeoutMs).filter((t): t is number => typeof t === "number" && t > 0);
    const timeout = own.length > 0 ? Math.min(...own, job > 0 ? job : Infinity) : job;
    if (timeout > 0) this.time.scheduleAtFixedRate(timeout, () => this.chain.flushAll());
  }

  // ---- source vertices -------------------------------------------------------------------------

  private async runSourceLoop(): Promise<void> {
    const head = this.chain.head as SourceOperator;
    const reader = head.reader;
    try {
      let lastYield = performance.now();
      for (;;) {
        if (!this.running) return;
        const trigger = this.pendingTriggers.shift()?.trigger;
        if (trigger) {
          this.checkpointer.performAtSource(trigger.barrier);
          // Events that came after this trigger but before the next one belong to the next snapshot.
          this.applyOperatorEvents(this.pendingTriggers[0]?.eventsBefore);
          if (trigger.stop) {
            // Stop-with-savepoint: nothing after the savepoint's barrier. Draining completes event
            // time and finishes operators; terminating leaves both to the job resumed from it.
            if (trigger.stop === "drain") {
              head.emitFinalWatermark();
              await this.finishTask();
            } else {
              await this.finishTask(true);
            }
            return;
          }
        }
        if (head.alignmentPaused) {
          this.accounting.switchTo("idle");
          await this.waitUnlessStopped(head.whenAlignmentResumes());
          lastYield = performance.now();
          continue;
        }
        this.accounting.switchTo("busy");
        const status = this.inTaskFrame(() => {
          let s = reader.pollNext(head);
          for (let i = 1; i < SOURCE_POLLS_PER_ROUND && s === "more"; i++) s = reader.pollNext(head);
          // Per-split watermark alignment: splits now ahead of the group's limit pause (source-operator.ts).
          head.alignSplits();
          return s;
        });
        if (status === "end-of-input") break;
        if (this.chain.isBlocked) {
          this.accounting.switchTo("backpressured");
          await this.waitUnlessStopped(this.chain.whenUnblocked());
          lastYield = performance.now();
        } else if (status === "nothing-available") {
          this.accounting.switchTo("idle");
          await this.waitUnlessStopped(reader.isAvailable());
          lastYield = performance.now();
        } else if (performance.now() - lastYield > YIELD_EVERY_MS) {
          await yieldToEventLoop();
          lastYield = performance.now();
        }
      }
      if (!this.running) return;
      head.emitFinalWatermark();
      await this.finishTask();
    } catch (e) {
      this.fail(e);
    }
  }

  /** A source task whose operators finished on restore: it only takes checkpoints until the final one. */
  private async runFinishedSource(): Promise<void> {
    try {
      await this.finishTask();
    } catch (e) {
      this.fail(e);
    }
  }

  /**
   * A source whose operators have finished keeps taking the checkpoints it is triggered for (the
   * rest of the job may still run) until its final checkpoint has completed.
   */
  private async sourceAwaitFinalCheckpoint(): Promise<void> {
    while (this.running && !this.finalCheckpoint.isReached) {
      const trigger = this.pendingTriggers.shift()?.trigger;
      if (trigger) {
        this.checkpointer.performAtSource(trigger.barrier);
        continue;
      }
      this.accounting.switchTo("idle");
      await this.waitUnlessStopped(this.finalCheckpoint.done);
    }
  }

  private waitUnlessStopped(p: Promise<void>): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.wakeSource = resolve;
      p.then(resolve, reject);
    }).finally(() => (this.wakeSource = undefined));
  }

  // ---- end of input ----------------------------------------------------------------------------

  /**
   * `stopped`: ended by stop-with-savepoint without draining — operators are not finished, and there
   * is no final checkpoint. Otherwise the operators finish (unless they did) and, for a source, the
   * task takes checkpoints until its final one completed; a task with inputs gets here only then.
   */
  private async finishTask(stopped = false): Promise<void> {
    if (!stopped) {
      if (!this.end.finishing) await this.end.finishOperators();
      if (this.vertex.isSource) await this.sourceAwaitFinalCheckpoint();
      if (!this.running) return;
    }
    this.chain.flushAll();
    for (const w of this.chain.writers) w.broadcastEvent(stopped ? { kind: "end-of-partition", stopped: true } : { kind: "end-of-partition" });
    // Everything must have left, and every checkpoint been acknowledged, before the task reports
    // FINISHED and its worker may go away.
    await this.chain.whenUnblocked();
    await this.checkpointer.whenIdle();
    this.settle("finished");
  }

  private async closeOperators(): Promise<void> {
    this.time.stop();
    try {
      for (const op of this.chain.operators) await op.close();
      this.input?.close();
    } finally {
      await this.chain.disposeState();
    }
  }

  private async closeQuietly(): Promise<void> {
    try {
      await this.closeOperators();
    } catch {
      // The task is already failing or cancelled; the first error is the one reported.
    }
  }

  /** The summary the JobMaster keeps per subtask (task-metrics-summary.ts). */
  metrics(): TaskMetrics {
    const { accounting, chain, gate, metricGroups, outputCounters, accumulators, restoredLocally } = this;
    return taskMetricsSummary({ accounting, chain, gate, metricGroups, outputCounters, accumulators, restoredLocally });
  }
}
