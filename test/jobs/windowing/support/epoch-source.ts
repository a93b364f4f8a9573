/**
 * A bounded source for deterministic event-time tests.
 *
 * Where an event carries a watermark (`wm`), the reader first emits a marker record that carries
 * it (the watermark strategy emits the watermark right after the marker, which flushes every
 * channel), then reports "nothing available": the task waits until everything it emitted, the
 * watermark included, has left (no frame waits for credit), and only then does the reader emit
 * the events of the new epoch. So no record of an epoch can overtake the watermark that opens it
 * on any channel; channels from one task to another are FIFO, so every downstream operator, even
 * one with several input channels, sees each event after exactly the watermarks before it.
 * `epochStream` drops the markers right after the source.
 */
import { WatermarkStrategy, type DataStream, type InputStatus, type ReaderOutput, type Source, type SourceReader, type StreamExecutionEnvironment } from "sluice";
import type { Ev } from "./events.js";

export class EpochSource implements Source<Ev, number> {
  readonly boundedness = "bounded";
  readonly maxParallelism = 1;
  constructor(private readonly events: readonly Ev[]) {}

  createReader(): SourceReader<Ev, number> {
    const events = this.events;
    let next = 0;
    let markerSent = false;
    return {
      pollNext(output: ReaderOutput<Ev>): InputStatus {
        if (next >= events.length) return "end-of-input";
        const e = events[next]!;
        if (e.wm !== undefined && !markerSent) {
          markerSent = true;
          output.collect({ ...e, marker: true }, e.ts);
          return "nothing-available";
        }
        markerSent = false;
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

/** Emits each marker's `wm` right after the marker: the same watermarks in every run. */
export function punctuatedWatermarks(): WatermarkStrategy<Ev> {
  return WatermarkStrategy.forGenerator<Ev>(() => ({
    onEvent(e, _ts, out) {
      if (e.marker) out.emitWatermark(e.wm!);
    },
    onPeriodicEmit() {},
  })).withTimestampAssigner((e) => e.ts);
}

/** The events with their watermarks, markers removed, at parallelism 1. */
export function epochStream(env: StreamExecutionEnvironment, events: readonly Ev[]): DataStream<Ev> {
  return env
    .fromSource(new EpochSource(events), punctuatedWatermarks(), "Events")
    .filter((e) => e.marker !== true)
    .setParallelism(1)
    .name("Drop markers");
}
