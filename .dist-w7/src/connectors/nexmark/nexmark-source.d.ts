/**
 * The Nexmark generator as a Sluice source. Subtask i of p generates the event numbers i, i+p,
 * i+2p, … (splitEventRange), so the subtasks together produce exactly the serial stream and move
 * through event time together. A reader's position is the rest of its ranges: a checkpoint
 * stores them, a restore (at any parallelism) deals them out again, and because event n is a
 * pure function of (config, n) the replay yields the very same events.
 *
 * Full speed by default. With `eventsPerSecond` the readers together emit that many events per
 * wall-clock second (each its share); with `rateLimited` a reader emits each event no earlier
 * than its event time, counted from the reader's first event, so the wall-clock rate follows the
 * generator's own rate and rate shape.
 */
import type { InputStatus, ReaderOutput, Source, SourceReader, SourceReaderContext } from "../../api/source.js";
import { WatermarkStrategy } from "../../api/watermark-strategy.js";
import { type EventRange } from "./generator.js";
import { type NexmarkGeneratorConfig } from "./generator-config.js";
import { type NexmarkEvent } from "./model.js";
/** The watermark of the Nexmark reference implementation: event time − 4 s. */
export declare const NEXMARK_OUT_OF_ORDERNESS_MS = 4000;
/**
 * What remains of one reader's share: the event numbers start, start+step, … below end. `end`
 * is null for an unbounded stream (Infinity does not survive every serialization of state).
 */
export interface NexmarkSplit {
    start: number;
    end: number | null;
    step: number;
}
export interface NexmarkSourceOptions {
    /**
     * Generator settings; missing ones take the Nexmark defaults. `numEvents` bounds the stream
     * (over all subtasks); 0 makes it unbounded.
     */
    config?: Partial<NexmarkGeneratorConfig>;
    /** Shorthand for config.numEvents. */
    events?: number;
    /**
     * Emit at this many events per second over all subtasks (wall clock) instead of full speed.
     * Unless the config sets a rate, it also becomes the generator's event rate, so event time
     * keeps pace with the wall clock.
     */
    eventsPerSecond?: number;
    /** Pace emission by event time at the config's own rate (and rate shape). */
    rateLimited?: boolean;
}
export declare class NexmarkSource implements Source<NexmarkEvent, NexmarkSplit> {
    readonly boundedness: "bounded" | "unbounded";
    readonly config: NexmarkGeneratorConfig;
    readonly rateLimited: boolean;
    readonly eventsPerSecond: number | undefined;
    constructor(options?: NexmarkSourceOptions);
    /** Total events over all subtasks (Infinity when unbounded). */
    get totalEvents(): number;
    createReader(ctx: SourceReaderContext): SourceReader<NexmarkEvent, NexmarkSplit>;
}
/** The standard Nexmark watermark strategy: bounded out-of-orderness of 4 s on the event's own time. */
export declare function nexmarkWatermarkStrategy(outOfOrdernessMs?: number): WatermarkStrategy<NexmarkEvent>;
/** How a reader paces itself: not at all, at a fixed rate, or by event time. */
export type Pacing = {
    kind: "none";
} | {
    kind: "rate";
    perSecond: number;
} | {
    kind: "event-time";
};
export declare class NexmarkSourceReader implements SourceReader<NexmarkEvent, NexmarkSplit> {
    private readonly config;
    private ranges;
    private current;
    /** Next event number of the current range, its step and end (copied out of the range: hot loop). */
    private next;
    private step;
    private end;
    /** Pacing: wall clock and event time of this reader's first event since (re)start, events since. */
    private paceWall;
    private paceEventTime;
    private paced;
    private wakeAt;
    private readonly pacing;
    constructor(config: NexmarkGeneratorConfig, pacing: Pacing | boolean, ranges: EventRange[]);
    pollNext(output: ReaderOutput<NexmarkEvent>): InputStatus;
    isAvailable(): Promise<void>;
    snapshotState(): NexmarkSplit[];
    restoreState(splits: NexmarkSplit[]): void;
    /** Moves to the next non-empty range when the current one is done; false at the end of all. */
    private advance;
    private enter;
    /** Whether the next event's time has come (pacing); counts it if so, else remembers when it will. */
    private due;
}
