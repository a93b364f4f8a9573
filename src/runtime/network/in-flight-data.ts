/**
 * In-flight data as an unaligned checkpoint persists it (Flink's channel state): the frames a
 * barrier overtook in an output subpartition or an input channel, in channel order. Records are
 * kept serialized (frames handed over by reference between tasks of one worker are encoded when
 * they are persisted, before the consumer can touch them); watermarks and stream status are kept
 * as they are, barriers and end-of-partition never occur among them.
 */
import type { DataEvent, DataFrame } from "./frames.js";
import type { RecordBatchEncoder } from "./record-batch-codec.js";

export type PersistedFrame = { t: "buffer"; data: Uint8Array; records: number } | { t: "event"; event: DataEvent };

/** Whether a frame is in-flight data a barrier may overtake (data, watermarks, stream status). */
export function isOvertakable(frame: DataFrame): boolean {
  return frame.t !== "credit" && !(frame.t === "event" && (frame.event.kind === "barrier" || frame.event.kind === "end-of-partition"));
}

/**
 * A copy of `frame` that stays valid after the frame has been sent: a buffer's ArrayBuffer is
 * transferred to the consumer's worker when it is posted, so its bytes are copied now.
 */
export function persistFrame(frame: DataFrame, encoder: RecordBatchEncoder): PersistedFrame | undefined {
  if (!isOvertakable(frame)) return undefined;
  if (frame.t === "buffer") return { t: "buffer", data: new Uint8Array(frame.data.slice(0)), records: frame.records };
  if (frame.t === "records") return { t: "buffer", data: new Uint8Array(encoder.encode(frame.values, frame.timestamps)), records: frame.values.length };
  if (frame.t === "event") return { t: "event", event: frame.event };
  return undefined;
}

/** The frame to send or process again on restore, on channel `ch`. */
export function restoredFrame(p: PersistedFrame, ch: string): DataFrame {
  if (p.t === "event") return { t: "event", ch, event: p.event };
  // A fresh ArrayBuffer of exactly the bytes: it may be transferred again.
  const data = new ArrayBuffer(p.data.byteLength);
  new Uint8Array(data).set(p.data);
  return { t: "buffer", ch, data, records: p.records };
}

export function persistedBytes(frames: readonly PersistedFrame[]): number {
  let n = 0;
  for (const f of frames) if (f.t === "buffer") n += f.data.byteLength;
  return n;
}
