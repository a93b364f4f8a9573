/**
 * One parallel subtask of a vertex, running in a slot's worker thread. It opens the operator
 * chain, then either polls the source reader (source vertices) or processes what its input gate
 * receives, and finishes when its input ends: final watermark, finish(), flush, end-of-partition
 * to every consumer, close.
 *
 * Processing is synchronous per buffer (a chain is a pipeline of calls); the task yields to the
 * event loop between buffers so that credits, timers and control messages get through.
 */
import type { RuntimeContext } from "../../api/runtime-context.js";
import type { JobVertex } from "../../graph/job-graph.js";
import { producersOf } from "../network/channel-topology.js";
import type { DataEndpoint } from "../network/data-endpoint.js";
import { channelId, taskManagerOf } from "../network/frames.js";
import { InputGate, type QueuedFrame } from "../network/input-gate.js";
import { RecordBatchDecoder } from "../network/record-batch-codec.js";
import type { OutputCounters } from "../network/result-subpartition.js";
import { type BoundFunctions, OperatorChain } from "./operator-chain.js";
import { attemptKeyOf, type ExecutionState, type TaskDeploymentDescriptor, type TaskMetrics } from "./deployment.js";
import { serializeError, type SerializedError } from "../../errors/serialized-error.js";
import { TaskProcessingTimeService } from "./processing-time-service.js";
import { SourceOperator } from "./source-operator.js";
import { TimeAccounting } from "./time-accounting.js";
import { BarrierAligner, type Barrier } from "../checkpoint/barrier-aligner.js";
import { TaskCheckpointer, type CheckpointReporter } from "./task-checkpointer.js";
import { TaskStateRestorer } from "../checkpoint/task-restore.js";
import { TaskNotReadyForCheckpointError } from "../checkpoint/checkpoint-declined.js";
import type { CheckpointingMode } from "../checkpoint/checkpoint-metadata.js";

export interface TaskCallbacks {
  onStateChange(state: ExecutionState, error?: SerializedError): void;
  collect(nodeId: number, values: unknown[]): void;
  checkpoint: CheckpointReporter;
}

/** A checkpoint a source task is asked to start; `stop` ends the source after it (stop-with-savepoint). */
export interface CheckpointTrigger {
  barrier: Barrier;
  stop?: "terminate" | "drain";
}

const SOURCE_POLLS_PER_ROUND = 512;
const YIELD_EVERY_MS = 4;
const DEFAULT_BUFFER_TIMEOUT_MS = 100;
const DEFAULT_BUFFERS_PER_CHANNEL = 4;
const DEFAULT_BUFFERS_PER_REMOTE_CHANNEL = 16;

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class StreamTask {
  private readonly vertex: JobVertex;
  private readonly chain: OperatorChain;
  private readonly gate: InputGate | undefined;
  private readonly time: TaskProcessingTimeService;
  private readonly accounting = new TimeAccounting();
  private readonly outputCounters: OutputCounters = { records: 0, bytes: 0, buffers: 0 };
  private readonly decoder = new RecordBatchDecoder();
  private state: ExecutionState = "DEPLOYING";
  private recordsIn = 0;
  private bytesIn = 0;
  private draining = false;
  private blocked = false;
  private finishing = false;
  private settle!: (outcome: "finished" | "canceled" | Error) => void;
  private readonly done = new Promise<"finished" | "canceled" | Error>((resolve) => (this.settle = resolve));
  private wakeSource: (() => void) | undefined;
  private readonly checkpointer: TaskCheckpointer;
  private readonly aligner: BarrierAligner | undefined;
  private pendingTrigger: CheckpointTrigger | undefined;
  /** Took the savepoint of a stop-with-savepoint (no drain): only end-of-partition matters now. */
  private stoppedAtSavepoint = false;

  constructor(
    readonly tdd: TaskDeploymentDescriptor,
    fns: BoundFunctions,
    private readonly endpoint: DataEndpoint,
    private readonly callbacks: TaskCallbacks,
  ) {
    const vertex = tdd.jobGraph.vertices.find((v) => v.id === tdd.vertexId);
    if (!vertex) throw new Error(`vertex ${tdd.vertexId} is not in the job graph`);
    this.vertex = vertex;
    this.time = new TaskProcessingTimeService((e) => this.fail(e));
    const runtimeContext: RuntimeContext = {
      jobId: tdd.jobId,
      taskName: vertex.name,
      subtaskIndex: tdd.subtaskIndex,
      parallelism: vertex.parallelism,
      maxParallelism: vertex.maxParallelism,
      attemptNumber: tdd.attempt,
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
        restorer: tdd.restore ? new TaskStateRestorer(tdd.restore, tdd.subtaskIndex, vertex.parallelism) : undefined,
      },
      (d, states) =>
        new SourceOperator({
          descriptor: d,
          fns: fns.nodes.get(d.nodeId) ?? {},
          keySelectors: [],
          runtimeContext: { ...runtimeContext, taskName: d.name },
          keyedState: undefined,
          operatorState: states.operatorState,
          isRestored: states.isRestored,
          processingTime: this.time,
          settings: tdd.jobGraph.settings as Record<string, unknown>,
          collect: () => {},
        }),
    );
    this.checkpointer = new TaskCheckpointer(vertex, tdd.subtaskIndex, this.chain, callbacks.checkpoint);
    if (!vertex.isSource) {
      const settings = tdd.jobGraph.settings as Record<string, unknown>;
      const perChannel = Number(settings.buffersPerChannel ?? DEFAULT_BUFFERS_PER_CHANNEL);
      // Across TaskManagers a credit takes a network round trip to come back: more buffers in
      // flight keep the connection busy (Flink adds floating buffers for the same reason).
      const perRemoteChannel = Number(settings.buffersPerRemoteChannel ?? DEFAULT_BUFFERS_PER_REMOTE_CHANNEL);
      const ownTaskManager = taskManagerOf(endpoint.self);
      const numInputs = vertex.operators[0]!.inputs === 2 ? 2 : 1;
      this.gate = new InputGate(endpoint, numInputs, perChannel, () => this.scheduleDrain());
      const attemptKey = attemptKeyOf(tdd);
      for (const e of tdd.jobGraph.edges.filter((x) => x.target === vertex.id)) {
        const upstream = tdd.jobGraph.vertices.find((v) => v.id === e.source)!;
        for (const p of producersOf(e.partitioner, tdd.subtaskIndex, upstream.parallelism, vertex.parallelism)) {
          const producer = tdd.locations[upstream.id]![p]!;
          const credits = taskManagerOf(producer) === ownTaskManager ? perChannel : perRemoteChannel;
          this.gate.addChannel(channelId(attemptKey, e.id, p, tdd.subtaskIndex), e.inputIndex, producer, credits);
        }
      }
      const mode = (settings.checkpointingMode as CheckpointingMode | undefined) ?? "exactly-once";
      this.aligner = new BarrierAligner(this.gate, mode, (barrier, alignmentMs) => {
        this.checkpointer.perform(barrier, alignmentMs);
        if (barrier.stopping) {
          // The job stops at this savepoint: whatever arrives after it (late watermarks of periodic
          // generators, timers) must not change anything, or it would happen again after the resume.
          this.stoppedAtSavepoint = true;
          this.time.stop();
        }
      });
    }
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
      if (this.vertex.isSource) void this.runSourceLoop();
      else {
        this.gate!.grantInitialCredits();
        this.scheduleDrain();
      }
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
    this.pendingTrigger = trigger;
    this.wakeSource?.();
  }

  async notifyCheckpointComplete(checkpointId: number): Promise<void> {
    try {
      await this.checkpointer.notifyComplete(checkpointId);
    } catch (e) {
      this.fail(e);
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

  private transition(state: ExecutionState, error?: SerializedError): void {
    this.state = state;
    this.callbacks.onStateChange(state, error);
  }

  private startBufferTimeout(): void {
    const timeout = Number((this.tdd.jobGraph.settings as Record<string, unknown>).bufferTimeoutMs ?? DEFAULT_BUFFER_TIMEOUT_MS);
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
        const trigger = this.pendingTrigger;
        if (trigger) {
          this.pendingTrigger = undefined;
          this.checkpointer.perform(trigger.barrier, 0);
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
        this.accounting.switchTo("busy");
        let status = reader.pollNext(head);
        for (let i = 1; i < SOURCE_POLLS_PER_ROUND && status === "more"; i++) status = reader.pollNext(head);
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

  private waitUnlessStopped(p: Promise<void>): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.wakeSource = resolve;
      p.then(resolve, reject);
    }).finally(() => (this.wakeSource = undefined));
  }

  // ---- tasks with inputs -----------------------------------------------------------------------

  private scheduleDrain(): void {
    if (!this.draining && !this.blocked && this.running) void this.drain();
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      const gate = this.gate!;
      let item: QueuedFrame | undefined;
      let lastYield = performance.now();
      while (this.running && !this.blocked && !this.finishing && (item = gate.next())) {
        this.accounting.switchTo("busy");
        await this.processFrame(item);
        // Let timers, metrics and control messages in while input keeps arriving.
        if (performance.now() - lastYield > YIELD_EVERY_MS) {
          await yieldToEventLoop();
          lastYield = performance.now();
        }
        if (this.chain.isBlocked) {
          this.blocked = true;
          this.accounting.switchTo("backpressured");
          void this.chain.whenUnblocked().then(() => {
            this.blocked = false;
            this.scheduleDrain();
          });
        }
      }
      if (!this.blocked) this.accounting.switchTo("idle");
      if (this.running && !this.finishing && gate.allEnded) {
        this.finishing = true;
        await this.finishTask(gate.anyStopped);
      }
    } catch (e) {
      this.fail(e);
    } finally {
      this.draining = false;
    }
  }

  private async processFrame({ channel, frame }: QueuedFrame): Promise<void> {
    const head = this.chain.head!;
    if (this.stoppedAtSavepoint && !(frame.t === "event" && frame.event.kind === "end-of-partition")) {
      if (frame.t === "buffer" || frame.t === "records") this.gate!.returnCredit(channel);
      return;
    }
    if (frame.t === "buffer" || frame.t === "records") {
      let values: unknown[];
      let timestamps: ArrayLike<number> | null;
      if (frame.t === "buffer") {
        ({ values, timestamps } = this.decoder.decode(frame.data));
        this.bytesIn += frame.data.byteLength;
      } else {
        ({ values, timestamps } = frame);
      }
      this.recordsIn += values.length;
      const input = channel.inputIndex;
      if (timestamps) for (let i = 0; i < values.length; i++) head.processElement(values[i], timestamps[i]!, input);
      else for (let i = 0; i < values.length; i++) head.processElement(values[i], Number.NEGATIVE_INFINITY, input);
      this.gate!.returnCredit(channel);
      return;
    }
    if (frame.t !== "event") return;
    if (frame.event.kind === "barrier") {
      this.aligner!.onBarrier(channel, frame.event);
      return;
    }
    const change = this.gate!.applyEvent(channel, frame.event);
    if (change.idle !== undefined) head.processStreamStatus(change.idle);
    if (change.watermark !== undefined) head.processWatermark(change.watermark, channel.inputIndex);
    if (frame.event.kind === "end-of-partition") {
      this.aligner!.onChannelEnded();
      if (this.gate!.inputEnded(channel.inputIndex) && !this.gate!.anyStopped) await head.endInput(channel.inputIndex);
    }
  }

  // ---- end of input ----------------------------------------------------------------------------

  /** `stopped`: ended by stop-with-savepoint without draining — operators are not finished. */
  private async finishTask(stopped = false): Promise<void> {
    if (!stopped) for (const op of this.chain.operators) await op.finish();
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
      this.gate?.close();
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

  metrics(): TaskMetrics {
    const t = this.accounting.perSecond();
    const head = this.chain.head;
    return {
      numRecordsIn: head instanceof SourceOperator ? head.emitted : this.recordsIn,
      numRecordsOut: this.outputCounters.records,
      numBytesIn: this.bytesIn,
      numBytesOut: this.outputCounters.bytes,
      busyTimeMsPerSecond: t.busy,
      backPressuredTimeMsPerSecond: t.backpressured,
      idleTimeMsPerSecond: t.idle,
      inFlightBuffers: this.chain.backlogBuffers() + (this.gate?.queuedBuffers ?? 0),
      currentInputWatermark: this.gate?.currentWatermark() ?? null,
    };
  }
}
