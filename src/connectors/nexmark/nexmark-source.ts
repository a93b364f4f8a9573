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

/**
 * Reads its splits merged in event-number order, hence in event-time order: after a restore at a
 * lower parallelism a reader holds several strided splits, and reading them one after the other
 * would run the first to its end in event time, the watermark with it, and make every event of
 * the next split late.
 */
export class NexmarkSourceReader implements SourceReader<NexmarkEvent, NexmarkSplit> {
  /** Per split: the next event number, the end (exclusive, may be Infinity) and the step. */
  private nexts: number[] = [];
  private ends: number[] = [];
  private steps: number[] = [];
  /** The split read now (the one with the smallest next event number), -1 when all are done. */
  private current = -1;
  /** Its next event number, end and step, copied out of the arrays for the hot loop. */
  private next = 0;
  private end = 0;
  private step = 1;
  /** Pacing: wall clock and event time of this reader's first event since (re)start, events since. */
  private paceWall = 0;
  private paceEventTime = 0;
  private paced = 0;
  private wakeAt = 0;

  constructor(
    private readonly config: NexmarkGeneratorConfig,
    private readonly pacing: Pacing,
    ranges: EventRange[],
  ) {
    validateNexmarkConfig(config);
    this.setRanges(ranges);
  }

  pollNext(output: ReaderOutput<NexmarkEvent>): InputStatus {
    if (this.next >= this.end && !this.select()) return "end-of-input";
    const config = this.config;
    const paced = this.pacing.kind !== "none";
    const merging = this.nexts.length > 1;
    for (let i = 0; i < EVENTS_PER_POLL; i++) {
      if (paced && !this.due()) return "nothing-available";
      const event = nexmarkEvent(this.next, config);
      this.next += this.step;
      output.collect(event, nexmarkEventTime(event));
      if ((merging || this.next >= this.end) && !this.select()) return "end-of-input";
    }
    return "more";
  }

  isAvailable(): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, Math.max(0, this.wakeAt - Date.now())));
  }

  snapshotState(): NexmarkSplit[] {
    if (this.current >= 0) this.nexts[this.current] = this.next;
    const splits: NexmarkSplit[] = [];
    for (let i = 0; i < this.nexts.length; i++) {
      const r = { start: this.nexts[i]!, end: this.ends[i]!, step: this.steps[i]! };
      if (eventRangeSize(r) > 0) splits.push(toSplit(r));
    }
    return splits;
  }

  restoreState(splits: NexmarkSplit[]): void {
    this.setRanges(splits.map(fromSplit));
    this.paceWall = 0;
    this.paced = 0;
  }

  private setRanges(ranges: EventRange[]): void {
    this.nexts = ranges.map((r) => r.start);
    this.ends = ranges.map((r) => r.end);
    this.steps = ranges.map((r) => r.step);
    this.current = -1;
    this.next = 0;
    this.end = 0;
    this.select();
  }

  /** Switches to the split with the smallest next event number; false when all are done. */
  private select(): boolean {
    if (this.current >= 0) this.nexts[this.current] = this.next;
    let best = -1;
    for (let i = 0; i < this.nexts.length; i++) {
      const n = this.nexts[i]!;
      if (n < this.ends[i]! && (best < 0 || n < this.nexts[best]!)) best = i;
    }
    this.current = best;
    if (best < 0) {
      this.next = 0;
      this.end = 0;
      return false;
    }
    this.next = this.nexts[best]!;
    this.end = this.ends[best]!;
    this.step = this.steps[best]!;
    return true;
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
