/**
 * A bounded source for deterministic event-time tests. Events carrying a watermark (`wm`) start a
 * new epoch: before emitting one, the reader reports "nothing available", so the task waits
 * until everything emitted so far has been sent (no frame waits for credit) before the watermark
 * and the next events go out. Channels from one task to another are FIFO, so every downstream
 * operator, even one with several input channels, sees each event after exactly the watermarks
 * emitted before it.
 */
import { WatermarkStrategy, type InputStatus, type ReaderOutput, type Source, type SourceReader } from "sluice";
import type { Ev } from "./events.js";

export class EpochSource implements Source<Ev, number> {
  readonly boundedness = "bounded";
  readonly maxParallelism = 1;
  constructor(private readonly events: readonly Ev[]) {}

  createReader(): SourceReader<Ev, number> {
    const events = this.events;
    let next = 0;
    let paused = false;
    return {
      pollNext(output: ReaderOutput<Ev>): InputStatus {
        if (next >= events.length) return "end-of-input";
        const e = events[next]!;
        if (e.wm !== undefined && !paused && next > 0) {
          paused = true;
          return "nothing-available";
        }
        paused = false;
        next++;
        output.collect(e, e.ts);
        return next < events.length ? "more" : "end-of-input";
      },
      // A macrotask later: the task has had a chance to send what it emitted.
      isAvailable: () => new Promise((resolve) => setTimeout(resolve, 1)),
      snapshotState: () => (next < events.length ? [next] : []),
      restoreState: (splits) => {
        next = splits.length ? Math.min(...splits) : events.length;
      },
    };
  }
}

/** Emits each event's `wm` just before the event: the same watermarks in every run. */
export function punctuatedWatermarks(): WatermarkStrategy<Ev> {
  return WatermarkStrategy.forGenerator<Ev>(() => ({
    onEvent(e, _ts, out) {
      if (e.wm !== undefined) out.emitWatermark(e.wm);
    },
    onPeriodicEmit() {},
  })).withTimestampAssigner((e) => e.ts);
}
