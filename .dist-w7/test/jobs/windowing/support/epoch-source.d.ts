/**
 * A bounded source for deterministic event-time tests.
 *
 * Where an event carries a watermark (`wm`), the reader first emits a marker record that carries
 * it (the watermark strategy emits the watermark just before the marker, which flushes every
 * channel), then reports "nothing available": the task waits until everything it emitted, the
 * watermark included, has left (no frame waits for credit), and only then does the reader emit
 * the events of the new epoch. So no record of an epoch can overtake the watermark that opens it
 * on any channel; channels from one task to another are FIFO, so every downstream operator, even
 * one with several input channels, sees each event after exactly the watermarks before it.
 * `epochStream` drops the markers right after the source.
 */
import { WatermarkStrategy, type DataStream, type Source, type SourceReader, type StreamExecutionEnvironment } from "sluice";
import type { Ev } from "./events.js";
export declare class EpochSource implements Source<Ev, number> {
    private readonly events;
    readonly boundedness = "bounded";
    readonly maxParallelism = 1;
    constructor(events: readonly Ev[]);
    createReader(): SourceReader<Ev, number>;
}
/** Emits each marker's `wm` just before the marker: the same watermarks in every run. */
export declare function punctuatedWatermarks(): WatermarkStrategy<Ev>;
/** The events with their watermarks, markers removed, at parallelism 1. */
export declare function epochStream(env: StreamExecutionEnvironment, events: readonly Ev[]): DataStream<Ev>;
