/**
 * The input side of a task with inputs (Flink's StreamInputProcessor with its barrier handler): the
 * input gate with one channel per upstream subtask, the barrier aligner, and the loop that takes
 * what arrives and hands records to the head operator.
 *
 * Safe points: a snapshot is taken only between two frames. The loop takes one frame at a time;
 * while the chain is backpressured it takes only priority frames (unaligned barriers, which must
 * get through exactly then: docs/checkpoints.md, "Unaligned checkpoints"); a timer that switches an
 * alignment to unaligned runs its switch at the next safe point.
 */
import type { JobVertex } from "../../graph/job-graph.js";
import { producersOf } from "../network/channel-topology.js";
import type { DataEndpoint } from "../network/data-endpoint.js";
import { channelId, taskManagerOf } from "../network/frames.js";
import { InputGate, type QueuedFrame } from "../network/input-gate.js";
import { restoredFrame } from "../network/in-flight-data.js";
import { deliverValveChange } from "../network/status-watermark-valve.js";
import { RecordBatchDecoder } from "../network/record-batch-codec.js";
import { BarrierAligner } from "../checkpoint/barrier-aligner.js";
import type { ChannelStateSnapshot } from "../checkpoint/channel-state.js";
import type { CheckpointingMode } from "../checkpoint/checkpoint-metadata.js";
import { attemptKeyOf, type TaskDeploymentDescriptor } from "./deployment.js";
import type { OperatorChain } from "./operator-chain.js";
import type { TaskCheckpointer } from "./task-checkpointer.js";
import type { TimeAccounting } from "./time-accounting.js";
import type { TaskFrame } from "./task-frame.js";
import type { TaskMetricGroups } from "./task-metric-groups.js";

const YIELD_EVERY_MS = 4;
const DEFAULT_BUFFERS_PER_CHANNEL = 4;
const DEFAULT_BUFFERS_PER_REMOTE_CHANNEL = 16;

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** What the input side needs of its StreamTask. */
export interface InputTaskHost {
  readonly tdd: TaskDeploymentDescriptor;
  readonly vertex: JobVertex;
  readonly chain: OperatorChain;
  readonly endpoint: DataEndpoint;
  readonly checkpointer: TaskCheckpointer;
  readonly accounting: TimeAccounting;
  readonly inTaskFrame: TaskFrame;
  readonly metricGroups: TaskMetricGroups;
  readonly running: boolean;
  /** finish() of the operators has started (at end of input, or they were finished on restore). */
  readonly operatorsFinishing: boolean;
  /** The task's final checkpoint has completed (final-checkpoint.ts): it may end once its input has. */
  readonly finalCheckpointReached: boolean;
  /** The job stops at a savepoint: timers stop, nothing after it may change anything. */
  stopTime(): void;
  fail(e: unknown): void;
  /** Every input sent end-of-data: the operators finish and consumers get end-of-data. */
  finishOperators(): Promise<void>;
  /** All input ended; `stopped`: by a stop-with-savepoint without draining. */
  finishTask(stopped: boolean): Promise<void>;
}

export class StreamInputProcessor {
  readonly gate: InputGate;
  private readonly aligner: BarrierAligner;
  private readonly decoder = new RecordBatchDecoder();
  private draining = false;
  private blocked = false;
  private finishing = false;
  /** Inside a frame (an operator may await, e.g. in endInput): safe-point actions wait for its end. */
  private inFrame = false;
  private readonly atNextSafePoint: Array<() => void> = [];
  /** Took the savepoint of a stop-with-savepoint (no drain): only end-of-partition matters now. */
  private stoppedAtSavepoint = false;
  /** Inputs whose end was passed to the head operator (endInput is called once per input). */
  private readonly endedInputs = new Set<number>();

  constructor(
    private readonly host: InputTaskHost,
    /** The in-flight input of the unaligned checkpoint restored from. */
    restored: ChannelStateSnapshot | undefined,
  ) {
    const { tdd, vertex, endpoint, checkpointer } = host;
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
        this.gate.addChannel(channelId(attemptKey, e.id, p, tdd.subtaskIndex), e.inputIndex, producer, credits, `${e.id}/${p}`);
      }
    }
    if (restored) {
      const frames = this.gate.channels.flatMap((channel) => (restored.inputs[channel.stateKey] ?? []).map((f) => ({ channel, frame: restoredFrame(f, channel.id) })));
      this.gate.prependRecovered(frames);
    }
    const mode = (settings.checkpointingMode as CheckpointingMode | undefined) ?? "exactly-once";
    this.aligner = new BarrierAligner(
      this.gate,
      mode,
      (barrier, alignmentMs, processedBytes) => {
        checkpointer.perform(barrier, alignmentMs, processedBytes);
        if (barrier.stopping) {
          // The job stops at this savepoint: whatever arrives after it (late watermarks of periodic
          // generators, timers) must not change anything, or it would happen again after the resume.
          this.stoppedAtSavepoint = true;
          host.stopTime();
        }
      },
      (barrier, input, alignmentMs) => checkpointer.performUnaligned(barrier, input.done, alignmentMs),
      (action) => this.runAtSafePoint(action),
    );
  }

  /** Opens the channels for data and starts taking what arrives (the recovered in-flight input first). */
  start(): void {
    this.gate.grantInitialCredits();
    this.scheduleDrain();
  }

  /** Something the end of the loop waits for has happened (the final checkpoint completed): look again. */
  resume(): void {
    this.scheduleDrain();
  }

  close(): void {
    this.gate.close();
  }

  private runAtSafePoint(action: () => void): void {
    if (!this.host.running || this.finishing) return;
    if (this.inFrame) this.atNextSafePoint.push(action);
    else {
      this.guarded(action);
      // The action may have moved barriers ahead (a switch to unaligned): take them even if blocked.
      this.scheduleDrain();
    }
  }

  private guarded(action: () => void): void {
    try {
      action();
    } catch (e) {
      this.host.fail(e);
    }
  }

  private scheduleDrain(): void {
    if (this.draining || !this.host.running) return;
    if (!this.blocked || this.gate.hasPriority) void this.drain();
  }

  private async drain(): Promise<void> {
    this.draining = true;
    const { gate, host } = this;
    try {
      let item: QueuedFrame | undefined;
      let lastYield = performance.now();
      // While backpressured, only priority frames: an unaligned barrier overtakes the blocked data.
      while (host.running && !this.finishing && (item = this.blocked ? gate.nextPriority() : gate.next())) {
        if (!this.blocked) host.accounting.switchTo("busy");
        const frame = item;
        this.inFrame = true;
        try {
          await host.inTaskFrame(() => this.processFrame(frame));
        } finally {
          this.inFrame = false;
        }
        while (this.atNextSafePoint.length > 0) this.guarded(this.atNextSafePoint.shift()!);
        // Let timers, metrics and control messages in while input keeps arriving.
        if (performance.now() - lastYield > YIELD_EVERY_MS) {
          await yieldToEventLoop();
          lastYield = performance.now();
        }
        if (!this.blocked && host.chain.isBlocked) {
          this.blocked = true;
          host.accounting.switchTo("backpressured");
          void host.chain.whenUnblocked().then(() => {
            this.blocked = false;
            this.scheduleDrain();
          });
        }
      }
      if (!this.blocked) host.accounting.switchTo("idle");
      if (host.running && !this.finishing && !host.operatorsFinishing && gate.allDataEnded && !gate.anyStopped) await host.finishOperators();
      // End-of-partition comes after the producers' final checkpoint; ours may still be outstanding.
      if (host.running && !this.finishing && gate.allEnded && (gate.anyStopped || host.finalCheckpointReached)) {
        this.finishing = true;
        await host.finishTask(gate.anyStopped);
      }
    } catch (e) {
      host.fail(e);
    } finally {
      this.draining = false;
    }
  }

  private async processFrame(item: QueuedFrame): Promise<void> {
    const { channel, frame } = item;
    const head = this.host.chain.head!;
    const gate = this.gate;
    if (this.stoppedAtSavepoint && !(frame.t === "event" && frame.event.kind === "end-of-partition")) {
      if (frame.t === "buffer" || frame.t === "records") gate.processed(item);
      return;
    }
    if (frame.t === "buffer" || frame.t === "records") {
      let values: unknown[];
      let timestamps: ArrayLike<number> | null;
      if (frame.t === "buffer") {
        ({ values, timestamps } = this.decoder.decode(frame.data));
        this.host.metricGroups.numBytesIn.count += frame.data.byteLength;
        this.aligner.recordProcessed(frame.data.byteLength);
      } else {
        ({ values, timestamps } = frame);
      }
      this.host.metricGroups.numRecordsIn.count += values.length;
      const input = channel.inputIndex;
      if (timestamps) for (let i = 0; i < values.length; i++) head.processElement(values[i], timestamps[i]!, input);
      else for (let i = 0; i < values.length; i++) head.processElement(values[i], Number.NEGATIVE_INFINITY, input);
      gate.processed(item);
      return;
    }
    if (frame.t !== "event") return;
    if (frame.event.kind === "barrier") {
      if (item.announcement) this.aligner.onAnnouncement(frame.event);
      else this.aligner.onBarrier(channel, frame.event, item.seq);
      return;
    }
    deliverValveChange(gate.applyEvent(channel, frame.event), head, channel.inputIndex);
    if (frame.event.kind === "end-of-partition") this.aligner.onChannelEnded();
    if (frame.event.kind === "end-of-partition" || frame.event.kind === "end-of-data") {
      const input = channel.inputIndex;
      const host = this.host;
      // Operators that finished (on restore, too) are not told of their inputs' end again.
      if (gate.inputDataEnded(input) && !gate.anyStopped && !host.operatorsFinishing && !this.endedInputs.has(input)) {
        this.endedInputs.add(input);
        await head.endInput(input);
      }
      // Finished before the next frame: a barrier behind this end-of-data must snapshot the
      // finished operators, or the producer's final checkpoint would not be this task's, and the
      // producer could end while this task still waits for one.
      if (gate.allDataEnded && !gate.anyStopped && !host.operatorsFinishing) await host.finishOperators();
    }
  }
}
