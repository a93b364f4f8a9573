/**
 * Channel state of unaligned checkpoints (Flink's FLIP-76; docs/checkpoints.md, "Unaligned
 * checkpoints"): the in-flight data a barrier overtook, persisted with the task's snapshot.
 *
 * Input side: the task takes its snapshot at the first barrier of the checkpoint; the frames of a
 * channel that arrived before that channel's barrier but were not processed before the snapshot are
 * the channel's in-flight input. The collector takes those already queued at the snapshot and
 * records those that arrive until the channel's barrier does (they are processed as usual too: the
 * snapshot does not contain their effect, the restored task processes them again, first).
 * Output side: the frames an output subpartition still held when the barrier overtook them
 * (result-subpartition.ts); on restore they are sent again before anything new.
 */
import type { InputChannel, InputGate, QueuedFrame } from "../network/input-gate.js";
import { persistFrame, persistedBytes, type PersistedFrame } from "../network/in-flight-data.js";
import { RecordBatchEncoder } from "../network/record-batch-codec.js";

export interface ChannelStateSnapshot {
  /** In-flight input by channel (`<edgeId>/<producerSubtask>`), oldest first. */
  inputs: Record<string, PersistedFrame[]>;
  /** In-flight output by subpartition (`<edgeId>/<consumerSubtask>`), oldest first. */
  outputs: Record<string, PersistedFrame[]>;
}

export function channelStateBytes(s: ChannelStateSnapshot | undefined): number {
  if (!s) return 0;
  let n = 0;
  for (const frames of [...Object.values(s.inputs), ...Object.values(s.outputs)]) n += persistedBytes(frames);
  return n;
}

/** A checkpoint's in-flight input, and the bytes processed while its barriers came in (Flink's processed_data). */
export interface CollectedInput {
  inputs: Record<string, PersistedFrame[]>;
  processedBytes: number;
}

const isBarrierOf = (item: QueuedFrame, checkpointId: number): boolean =>
  item.frame.t === "event" && item.frame.event.kind === "barrier" && item.frame.event.checkpointId >= checkpointId;

/** Collects one checkpoint's in-flight input until every channel's barrier is in. */
export class InputChannelStateCollector {
  private readonly frames = new Map<InputChannel, Array<{ seq: number; frame: PersistedFrame }>>();
  /** Channels whose barrier has not arrived yet: what arrives on them is recorded. */
  private readonly recording = new Set<InputChannel>();
  private readonly encoder = new RecordBatchEncoder();
  private settle!: (s: CollectedInput) => void;
  private giveUp!: (e: Error) => void;
  /** Resolves with the in-flight input once every channel's barrier has been taken (or it ended). */
  readonly done = new Promise<CollectedInput>((resolve, reject) => ((this.settle = resolve), (this.giveUp = reject)));

  /**
   * `barrierSeq`: the arrival number of each channel's barrier already taken from the gate; the
   * others' barriers are either queued (found there) or still to come.
   */
  constructor(
    private readonly gate: InputGate,
    private readonly checkpointId: number,
    barrierSeq: ReadonlyMap<InputChannel, number>,
  ) {
    const limit = new Map(barrierSeq);
    const pending = [...gate.pending()];
    for (const item of pending) {
      if (!limit.has(item.channel) && isBarrierOf(item, checkpointId)) limit.set(item.channel, item.seq);
    }
    for (const c of gate.channels) {
      if (c.ended) continue;
      this.frames.set(c, []);
      if (!limit.has(c)) this.recording.add(c);
    }
    for (const item of pending) {
      if (!this.frames.has(item.channel) || item.seq >= (limit.get(item.channel) ?? Infinity)) continue;
      this.add(item);
    }
    if (this.recording.size > 0) gate.observeArrivals((item) => this.onArrival(item));
  }

  private onArrival(item: QueuedFrame): void {
    if (!this.recording.has(item.channel)) return;
    if (isBarrierOf(item, this.checkpointId) || (item.frame.t === "event" && item.frame.event.kind === "end-of-partition")) {
      this.recording.delete(item.channel);
      if (this.recording.size === 0) this.gate.observeArrivals(undefined);
      return;
    }
    this.add(item);
  }

  private add(item: QueuedFrame): void {
    const p = persistFrame(item.frame, this.encoder);
    if (p) this.frames.get(item.channel)!.push({ seq: item.seq, frame: p });
  }

  /** Every channel's barrier is in (or the channel ended): the in-flight input is complete. */
  complete(processedBytes: number): void {
    this.gate.observeArrivals(undefined);
    const inputs: Record<string, PersistedFrame[]> = {};
    for (const [c, frames] of this.frames) {
      if (frames.length > 0) inputs[c.stateKey] = frames.sort((a, b) => a.seq - b.seq).map((f) => f.frame);
    }
    this.settle({ inputs, processedBytes });
  }

  /** The checkpoint was given up (a newer barrier overtook it): its in-flight input stays incomplete. */
  abandon(reason: string): void {
    this.gate.observeArrivals(undefined);
    this.giveUp(new Error(reason));
    this.done.catch(() => {});
  }
}
