/**
 * Checkpoint barriers in a task with inputs (Flink's CheckpointBarrierHandler). Exactly-once:
 * a channel whose barrier has arrived is blocked until the barrier has arrived on every channel,
 * so the snapshot reflects exactly the records before the barrier. At-least-once: nothing is
 * blocked; the snapshot is taken when the last barrier arrives.
 */
import type { InputChannel, InputGate } from "../network/input-gate.js";
import type { CheckpointingMode } from "./checkpoint-metadata.js";

export interface Barrier {
  checkpointId: number;
  timestamp: number;
  savepoint: boolean;
  /** Folder of the checkpoint or savepoint, where each task writes its state. */
  dir: string;
  /** Stop-with-savepoint without draining: tasks process nothing after this barrier. */
  stopping?: boolean;
}

export class BarrierAligner {
  private pending: Barrier | undefined;
  private readonly arrived = new Set<InputChannel>();
  private alignmentStart = 0;
  /** Highest checkpoint id this task has taken or given up. */
  private lastId = 0;

  constructor(
    private readonly gate: InputGate,
    private readonly mode: CheckpointingMode,
    /** Called once per checkpoint when all barriers are in; alignment time in ms. */
    private readonly onAligned: (barrier: Barrier, alignmentMs: number) => void,
  ) {}

  onBarrier(channel: InputChannel, barrier: Barrier): void {
    if (barrier.checkpointId <= this.lastId) return;
    if (!this.pending || barrier.checkpointId > this.pending.checkpointId) {
      // A newer barrier overtakes an unfinished alignment: that checkpoint was given up upstream.
      this.reset();
      this.pending = barrier;
      this.alignmentStart = performance.now();
    }
    // An older checkpoint's barrier, behind a newer one being aligned (checkpoints overlap, and an
    // upstream task skipped the older one): it is not this channel's barrier of the newer
    // checkpoint. Counting it would snapshot before that channel's records up to the newer barrier
    // are in, while its producer's snapshot has sent them: a restore would lose them.
    if (barrier.checkpointId < this.pending.checkpointId) return;
    this.arrived.add(channel);
    if (this.mode === "exactly-once") this.gate.block(channel);
    this.checkComplete();
  }

  /** An ended channel will send no barrier: it no longer holds the alignment back. */
  onChannelEnded(): void {
    if (this.pending) this.checkComplete();
  }

  private checkComplete(): void {
    const barrier = this.pending!;
    for (const c of this.gate.channels) if (!c.ended && !this.arrived.has(c)) return;
    const alignmentMs = performance.now() - this.alignmentStart;
    this.lastId = barrier.checkpointId;
    this.reset();
    this.onAligned(barrier, alignmentMs);
  }

  private reset(): void {
    this.pending = undefined;
    this.arrived.clear();
    this.gate.unblockAll();
  }
}
