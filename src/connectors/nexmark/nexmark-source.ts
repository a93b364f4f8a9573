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
import { eventRangeSize, nexmarkEvent, nexmarkEventTimestamp, splitEventRange, type EventRange } from "./generator.js";
import { createNexmarkConfig, validateNexmarkConfig, type NexmarkGeneratorConfig } from "./generator-config.js";
import { nexmarkEventTime, type NexmarkEvent } from "./model.js";

/** The watermark of the Nexmark reference implementation: event time − 4 s. */
export const NEXMARK_OUT_OF_ORDERNESS_MS = 4000;

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

/** Events emitted per pollNext(): enough to amortize the call, few enough to keep the task responsive. */
const EVENTS_PER_POLL = 4;

export class NexmarkSource implements Source<NexmarkEvent, NexmarkSplit> {
  readonly boundedness: "bounded" | "unbounded";
  readonly config: NexmarkGeneratorConfig;
  readonly rateLimited: boolean;
  readonly eventsPerSecond: number | undefined;

  constructor(options: NexmarkSourceOptions = {}) {
    const overrides: { -readonly [K in keyof NexmarkGeneratorConfig]?: NexmarkGeneratorConfig[K] } = { ...options.config };
    if (options.events !== undefined) overrides.numEvents = options.events === Infinity ? 0 : options.events;
    const perSecond = options.eventsPerSecond;
    if (perSecond !== undefined) {
      if (!(perSecond > 0 && Number.isFinite(perSecond))) throw new RangeError(`eventsPerSecond must be a positive number, got ${perSecond}`);
      if (overrides.firstEventRate === undefined) {
        overrides.firstEventRate = perSecond;
        overrides.nextEventRate = perSecond;
      }
    }
    this.config = createNexmarkConfig(overrides);
    this.eventsPerSecond = perSecond;
    this.rateLimited = options.rateLimited === true;
    this.boundedness = this.config.numEvents > 0 ? "bounded" : "unbounded";
  }

  /** Total events over all subtasks (Infinity when unbounded). */
  get totalEvents(): number {
    return this.config.numEvents > 0 ? this.config.numEvents : Infinity;
  }

  createReader(ctx: SourceReaderContext): SourceReader<NexmarkEvent, NexmarkSplit> {
    const pacing: Pacing =
      this.eventsPerSecond !== undefined ? { kind: "rate", perSecond: this.eventsPerSecond / ctx.parallelism } : this.rateLimited ? { kind: "event-time" } : { kind: "none" };
    return new NexmarkSourceReader(this.config, pacing, [splitEventRange(this.totalEvents, ctx.parallelism, ctx.subtaskIndex)]);
  }
}

/** The standard Nexmark watermark strategy: bounded out-of-orderness of 4 s on the event's own time. */
export function nexmarkWatermarkStrategy(outOfOrdernessMs = NEXMARK_OUT_OF_ORDERNESS_MS): WatermarkStrategy<NexmarkEvent> {
  return WatermarkStrategy.forBoundedOutOfOrderness<NexmarkEvent>(outOfOrdernessMs).withTimestampAssigner(
    (event, recordTimestamp) => recordTimestamp ?? nexmarkEventTime(event),
  );
}

/** How a reader paces itself: not at all, at a fixed rate, or by event time. */
export type Pacing = { kind: "none" } | { kind: "rate"; perSecond: number } | { kind: "event-time" };

export class NexmarkSourceReader implements SourceReader<NexmarkEvent, NexmarkSplit> {
  private ranges: EventRange[];
  private current = 0;
  /** Next event number of the current range, its step and end (copied out of the range: hot loop). */
  private next = 0;
  private step = 1;
  private end = 0;
  /** Pacing: wall clock and event time of this reader's first event since (re)start, events since. */
  private paceWall = 0;
  private paceEventTime = 0;
  private paced = 0;
  private wakeAt = 0;
  private readonly pacing: Pacing;

  constructor(
    private readonly config: NexmarkGeneratorConfig,
    pacing: Pacing | boolean,
    ranges: EventRange[],
  ) {
    validateNexmarkConfig(config);
    this.pacing = typeof pacing === "boolean" ? (pacing ? { kind: "event-time" } : { kind: "none" }) : pacing;
    this.ranges = ranges;
    this.enter(0);
  }

  pollNext(output: ReaderOutput<NexmarkEvent>): InputStatus {
    if (!this.advance()) return "end-of-input";
    const config = this.config;
    const paced = this.pacing.kind !== "none";
    for (let i = 0; i < EVENTS_PER_POLL; i++) {
      if (paced && !this.due()) return "nothing-available";
      const event = nexmarkEvent(this.next, config);
      this.next += this.step;
      output.collect(event, nexmarkEventTime(event));
      if (!this.advance()) return "end-of-input";
    }
    return "more";
  }

  isAvailable(): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, Math.max(0, this.wakeAt - Date.now())));
  }

  snapshotState(): NexmarkSplit[] {
    const splits: NexmarkSplit[] = [];
    if (this.next < this.end) splits.push(toSplit({ start: this.next, end: this.end, step: this.step }));
    for (let i = this.current + 1; i < this.ranges.length; i++) {
      const r = this.ranges[i]!;
      if (eventRangeSize(r) > 0) splits.push(toSplit(r));
    }
    return splits;
  }

  restoreState(splits: NexmarkSplit[]): void {
    this.ranges = splits.map(fromSplit);
    this.paceWall = 0;
    this.paced = 0;
    this.enter(0);
  }

  /** Moves to the next non-empty range when the current one is done; false at the end of all. */
  private advance(): boolean {
    while (this.next >= this.end) {
      if (this.current + 1 >= this.ranges.length) return false;
      this.enter(this.current + 1);
    }
    return true;
  }

  private enter(index: number): void {
    this.current = index;
    const r = this.ranges[index];
    if (r) {
      this.next = r.start;
      this.step = r.step;
      this.end = r.end;
    } else {
      this.next = 0;
      this.end = 0;
    }
  }

  /** Whether the next event's time has come (pacing); counts it if so, else remembers when it will. */
  private due(): boolean {
    const now = Date.now();
    const pacing = this.pacing;
    let dueAt: number;
    if (pacing.kind === "rate") {
      if (this.paceWall === 0) this.paceWall = now;
      dueAt = this.paceWall + (this.paced * 1000) / pacing.perSecond;
    } else {
      const eventTime = nexmarkEventTimestamp(this.next, this.config);
      if (this.paceWall === 0) {
        this.paceWall = now;
        this.paceEventTime = eventTime;
      }
      dueAt = this.paceWall + (eventTime - this.paceEventTime);
    }
    if (dueAt <= now) {
      this.paced++;
      return true;
    }
    this.wakeAt = dueAt;
    return false;
  }
}

function toSplit(r: EventRange): NexmarkSplit {
  return { start: r.start, end: r.end === Infinity ? null : r.end, step: r.step };
}

function fromSplit(s: NexmarkSplit): EventRange {
  return { start: s.start, end: s.end === null ? Infinity : s.end, step: s.step };
}
