/**
 * Checkpoint barriers in a task with inputs (Flink's CheckpointBarrierHandler). Exactly-once:
 * a channel whose barrier has arrived is blocked until the barrier has arrived on every channel,
 * so the snapshot reflects exactly the records before the barrier. At-least-once: nothing is
 * blocked; the snapshot is taken when the last barrier arrives.
 *
 * Unaligned (docs/checkpoints.md, "Unaligned checkpoints"): the snapshot is taken at the first
 * barrier, nothing is blocked, and the in-flight input (what arrives on each channel before its
 * barrier) is collected until the last barrier is in. An aligned barrier with an aligned-checkpoint-
 * timeout switches to that when the alignment is still going on `alignedTimeoutMs` after the
 * checkpoint started, or when an unaligned barrier of the same checkpoint arrives (an upstream task
 * switched).
 */
import type { InputChannel, InputGate } from "../network/input-gate.js";
import type { CheckpointingMode } from "./checkpoint-metadata.js";
import { InputChannelStateCollector } from "./channel-state.js";

export interface Barrier {
  checkpointId: number;
  timestamp: number;
  savepoint: boolean;
  /** Folder of the checkpoint or savepoint, where each task writes its state. */
  dir: string;
  /** Stop-with-savepoint without draining: tasks process nothing after this barrier. */
  stopping?: boolean;
  /** The barrier overtakes in-flight data (an unaligned checkpoint). */
  unaligned?: boolean;
  /** Aligned, but unaligned once this long has passed since `timestamp` (aligned-checkpoint-timeout). */
  alignedTimeoutMs?: number;
}

/** How a task takes an unaligned snapshot: now, with the in-flight input to come from the collector. */
export type OnUnaligned = (barrier: Barrier, input: InputChannelStateCollector, alignmentMs: number) => void;

/** Runs an action where the task may take a snapshot: between two frames, never inside one. */
export type AtSafePoint = (action: () => void) => void;

export class BarrierAligner {
  private pending: Barrier | undefined;
  private readonly arrived = new Map<InputChannel, number>();
  private alignmentStart = 0;
  /** Highest checkpoint id this task has taken or given up. */
  private lastId = 0;
  /** The pending checkpoint went unaligned: its snapshot is taken, its in-flight input being collected. */
  private collector: InputChannelStateCollector | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Bytes of input processed since the pending checkpoint's first barrier. */
  private processedBytes = 0;

  constructor(
    private readonly gate: InputGate,
    private readonly mode: CheckpointingMode,
    /** Called once per aligned checkpoint when all barriers are in; alignment time in ms. */
    private readonly onAligned: (barrier: Barrier, alignmentMs: number, processedBytes: number) => void,
    private readonly onUnaligned?: OnUnaligned,
    /** Where the aligned-checkpoint-timeout's switch runs (a timer fires at any time). */
    private readonly atSafePoint: AtSafePoint = (action) => action(),
  ) {}

  /** The task processed `bytes` of input (counted while a checkpoint's barriers come in). */
  recordProcessed(bytes: number): void {
    if (this.pending) this.processedBytes += bytes;
  }

  /** `seq`: the barrier's arrival number in the gate (QueuedFrame.seq). */
  onBarrier(channel: InputChannel, barrier: Barrier, seq = 0): void {
    if (barrier.checkpointId <= this.lastId) return;
    // (A checkpoint whose clock an announcement started is pending already: it goes on.)
    if (!this.pending || barrier.checkpointId > this.pending.checkpointId) {
      // A newer barrier overtakes an unfinished alignment: that checkpoint was given up upstream.
      this.reset(`checkpoint ${this.pending?.checkpointId} was overtaken by checkpoint ${barrier.checkpointId} before all its barriers arrived`);
      this.pending = barrier;
      this.processedBytes = 0;
      this.alignmentStart = performance.now();
      if (barrier.alignedTimeoutMs !== undefined && this.onUnaligned) this.startAlignmentTimer(barrier);
    }
    // An older checkpoint's barrier, behind a newer one being aligned (checkpoints overlap, and an
    // upstream task skipped the older one): it is not this channel's barrier of the newer
    // checkpoint. Counting it would snapshot before that channel's records up to the newer barrier
    // are in, while its producer's snapshot has sent them: a restore would lose them.
    if (barrier.checkpointId < this.pending.checkpointId) return;
    this.arrived.set(channel, seq);
    if (!this.collector && barrier.unaligned && this.onUnaligned) this.switchToUnaligned();
    else if (!this.collector && this.mode === "exactly-once") this.gate.block(channel);
    this.checkComplete();
  }

  /**
   * An aligned barrier with a timeout has arrived on `channel` but waits behind data (the gate's
   * announcement): the alignment's clock starts now, and once unaligned the barrier moves ahead.
   */
  onAnnouncement(barrier: Barrier): void {
    if (barrier.checkpointId <= this.lastId || !this.onUnaligned) return;
    if (!this.pending) {
      this.pending = barrier;
      this.processedBytes = 0;
      this.alignmentStart = performance.now();
      if (barrier.alignedTimeoutMs !== undefined) this.startAlignmentTimer(barrier);
    } else if (this.collector && barrier.checkpointId === this.pending.checkpointId) {
      this.gate.prioritizeBarriers(barrier.checkpointId);
    }
  }

  /** An ended channel will send no barrier: it no longer holds the alignment back. */
  onChannelEnded(): void {
    if (this.pending) this.checkComplete();
  }

  /** Whether a checkpoint's barriers are being aligned or collected (Flink's processed_data counts then). */
  get inProgress(): boolean {
    return this.pending !== undefined;
  }

  private startAlignmentTimer(barrier: Barrier): void {
    const left = barrier.timestamp + barrier.alignedTimeoutMs! - Date.now();
    if (left <= 0) {
      // Started late (the barrier waited upstream): unaligned right away, unless it is the only one.
      queueMicrotask(() => this.atSafePoint(() => this.timeout(barrier.checkpointId)));
      return;
    }
    this.timer = setTimeout(() => this.atSafePoint(() => this.timeout(barrier.checkpointId)), left);
  }

  private timeout(checkpointId: number): void {
    this.timer = undefined;
    if (this.pending?.checkpointId === checkpointId && !this.collector) this.switchToUnaligned();
  }

  private switchToUnaligned(): void {
    const barrier: Barrier = { ...this.pending!, unaligned: true };
    delete barrier.alignedTimeoutMs;
    this.pending = barrier;
    this.clearTimer();
    this.collector = new InputChannelStateCollector(this.gate, barrier.checkpointId, this.arrived);
    // What the blocked channels held came after their barriers: it is processed now, not persisted.
    this.gate.unblockAll();
    // Barriers of this checkpoint queued behind data go ahead of it (the collector has that data).
    this.gate.prioritizeBarriers(barrier.checkpointId);
    this.onUnaligned!(barrier, this.collector, performance.now() - this.alignmentStart);
  }

  private checkComplete(): void {
    const barrier = this.pending!;
    for (const c of this.gate.channels) if (!c.ended && !this.arrived.has(c)) return;
    const alignmentMs = performance.now() - this.alignmentStart;
    this.lastId = barrier.checkpointId;
    const collector = this.collector;
    this.collector = undefined;
    this.reset();
    if (collector) collector.complete(this.processedBytes);
    else this.onAligned(barrier, alignmentMs, this.processedBytes);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private reset(abandoned?: string): void {
    if (this.collector && abandoned) this.collector.abandon(abandoned);
    this.collector = undefined;
    this.clearTimer();
    this.pending = undefined;
    this.arrived.clear();
    this.gate.unblockAll();
  }
}
