/**
 * Tumbling, sliding and session windows in event and processing time, and global windows.
 * Fixed-size windows use their start as namespace: with one size per assigner, the start
 * identifies the window, and a number keys state faster than a string.
 */
import type { JsonObject } from "../../graph/stream-graph.js";
import type { Trigger } from "./trigger.js";
import { EventTimeTrigger, NeverTrigger, ProcessingTimeTrigger } from "./triggers.js";
import { MergingWindowAssigner, requireTimestamp, WindowAssigner, type WindowAssignerContext } from "./window-assigner.js";
import { GlobalWindow, TimeWindow, type Namespace } from "./windows.js";
import { EndOfStreamTrigger } from "./end-of-stream-trigger.js";
import { staggerOffset, type WindowStagger } from "./window-stagger.js";

function checkSize(size: number, what: string): void {
  if (!(size > 0) || !Number.isFinite(size)) throw new RangeError(`${what} must be a positive number of ms, got ${size}`);
}

abstract class TumblingWindows extends WindowAssigner<unknown, TimeWindow> {
  protected constructor(
    protected readonly size: number,
    protected readonly offset: number,
  ) {
    super();
    checkSize(size, "window size");
  }
  /** The last assignment: consecutive elements mostly fall into the same window (no allocation then). */
  private last: TimeWindow[] = [new TimeWindow(Number.NaN, Number.NaN)];
  protected windowFor(timestamp: number, offset = this.offset): TimeWindow[] {
    const start = TimeWindow.getWindowStartWithOffset(timestamp, offset, this.size);
    if (this.last[0]!.start !== start) this.last = [new TimeWindow(start, start + this.size)];
    return this.last;
  }
  override namespace(w: TimeWindow): Namespace {
    return w.start;
  }
  override describe(): JsonObject {
    return { assigner: this.constructor.name, size: this.size, offset: this.offset };
  }
}

export class TumblingEventTimeWindows extends TumblingWindows {
  static of(sizeMs: number, offsetMs = 0): TumblingEventTimeWindows {
    return new TumblingEventTimeWindows(sizeMs, offsetMs);
  }
  assignWindows(_e: unknown, timestamp: number): TimeWindow[] {
    requireTimestamp(timestamp, "TumblingEventTimeWindows");
    return this.windowFor(timestamp);
  }
  getDefaultTrigger(): Trigger<unknown, TimeWindow> {
    return EventTimeTrigger.create();
  }
  isEventTime(): boolean {
    return true;
  }
}

export class TumblingProcessingTimeWindows extends TumblingWindows {
  /** Drawn at the first element (per parallel instance: each binds its own assigner). */
  private stagger: number | undefined;
  private constructor(
    size: number,
    offset: number,
    private readonly windowStagger: WindowStagger,
  ) {
    super(size, offset);
  }
  /** `windowStagger` shifts each instance's windows (src/api/windowing/window-stagger.ts). */
  static of(sizeMs: number, offsetMs = 0, windowStagger: WindowStagger = "ALIGNED"): TumblingProcessingTimeWindows {
    return new TumblingProcessingTimeWindows(sizeMs, offsetMs, windowStagger);
  }
  assignWindows(_e: unknown, _ts: number, ctx: WindowAssignerContext): TimeWindow[] {
    const now = ctx.getCurrentProcessingTime();
    if (this.windowStagger === "ALIGNED") return this.windowFor(now);
    this.stagger ??= staggerOffset(this.windowStagger, now, this.size);
    return this.windowFor(now, (this.offset + this.stagger) % this.size);
  }
  override describe(): JsonObject {
    return { ...super.describe(), stagger: this.windowStagger };
  }
  getDefaultTrigger(): Trigger<unknown, TimeWindow> {
    return ProcessingTimeTrigger.create();
  }
  isEventTime(): boolean {
    return false;
  }
}

abstract class SlidingWindows extends WindowAssigner<unknown, TimeWindow> {
  protected constructor(
    protected readonly size: number,
    protected readonly slide: number,
    protected readonly offset: number,
  ) {
    super();
    checkSize(size, "window size");
    checkSize(slide, "window slide");
  }
  private lastStart = Number.NaN;
  private lastWindows: TimeWindow[] = [];
  protected windowsFor(timestamp: number): TimeWindow[] {
    const last = TimeWindow.getWindowStartWithOffset(timestamp, this.offset, this.slide);
    // The windows of a timestamp depend only on the last window start at or before it.
    if (last === this.lastStart) return this.lastWindows;
    const windows: TimeWindow[] = [];
    for (let start = last; start > last - this.size; start -= this.slide) windows.push(new TimeWindow(start, start + this.size));
    this.lastStart = last;
    this.lastWindows = windows;
    return windows;
  }
  override namespace(w: TimeWindow): Namespace {
    return w.start;
  }
  override describe(): JsonObject {
    return { assigner: this.constructor.name, size: this.size, slide: this.slide, offset: this.offset };
  }
}

export class SlidingEventTimeWindows extends SlidingWindows {
  static of(sizeMs: number, slideMs: number, offsetMs = 0): SlidingEventTimeWindows {
    return new SlidingEventTimeWindows(sizeMs, slideMs, offsetMs);
  }
  assignWindows(_e: unknown, timestamp: number): TimeWindow[] {
    requireTimestamp(timestamp, "SlidingEventTimeWindows");
    return this.windowsFor(timestamp);
  }
  getDefaultTrigger(): Trigger<unknown, TimeWindow> {
    return EventTimeTrigger.create();
  }
  isEventTime(): boolean {
    return true;
  }
}

export class SlidingProcessingTimeWindows extends SlidingWindows {
  static of(sizeMs: number, slideMs: number, offsetMs = 0): SlidingProcessingTimeWindows {
    return new SlidingProcessingTimeWindows(sizeMs, slideMs, offsetMs);
  }
  assignWindows(_e: unknown, _ts: number, ctx: WindowAssignerContext): TimeWindow[] {
    return this.windowsFor(ctx.getCurrentProcessingTime());
  }
  getDefaultTrigger(): Trigger<unknown, TimeWindow> {
    return ProcessingTimeTrigger.create();
  }
  isEventTime(): boolean {
    return false;
  }
}

/** Session gap per element, for sessions whose inactivity gap depends on the data. */
export type SessionGapExtractor<T> = (element: T) => number;

abstract class SessionWindows<T> extends MergingWindowAssigner<T, TimeWindow> {
  protected constructor(protected readonly gap: SessionGapExtractor<T>) {
    super();
  }
  /** Reused: the window operator reads the array at once (the window itself is new every time). */
  private readonly assigned: TimeWindow[] = [];
  protected windowFor(element: T, timestamp: number): TimeWindow[] {
    const gap = this.gap(element);
    checkSize(gap, "session gap");
    this.assigned[0] = new TimeWindow(timestamp, timestamp + gap);
    return this.assigned;
  }
  mergeWindows(windows: readonly TimeWindow[], merge: (members: TimeWindow[], result: TimeWindow) => void): void {
    TimeWindow.mergeWindows(windows, merge);
  }
  /** Unless a subclass merges its own way. */
  override mergesAsSessions(): boolean {
    return this.mergeWindows === SessionWindows.prototype.mergeWindows;
  }
  override describe(): JsonObject {
    return { assigner: this.constructor.name };
  }
}

export class EventTimeSessionWindows<T = unknown> extends SessionWindows<T> {
  static withGap(gapMs: number): EventTimeSessionWindows {
    checkSize(gapMs, "session gap");
    return new EventTimeSessionWindows<unknown>(() => gapMs);
  }
  static withDynamicGap<T>(extractor: SessionGapExtractor<T>): EventTimeSessionWindows<T> {
    return new EventTimeSessionWindows<T>(extractor);
  }
  assignWindows(element: T, timestamp: number): TimeWindow[] {
    requireTimestamp(timestamp, "EventTimeSessionWindows");
    return this.windowFor(element, timestamp);
  }
  getDefaultTrigger(): Trigger<T, TimeWindow> {
    return EventTimeTrigger.create();
  }
  isEventTime(): boolean {
    return true;
  }
}

export class ProcessingTimeSessionWindows<T = unknown> extends SessionWindows<T> {
  static withGap(gapMs: number): ProcessingTimeSessionWindows {
    checkSize(gapMs, "session gap");
    return new ProcessingTimeSessionWindows<unknown>(() => gapMs);
  }
  static withDynamicGap<T>(extractor: SessionGapExtractor<T>): ProcessingTimeSessionWindows<T> {
    return new ProcessingTimeSessionWindows<T>(extractor);
  }
  assignWindows(element: T, _ts: number, ctx: WindowAssignerContext): TimeWindow[] {
    return this.windowFor(element, ctx.getCurrentProcessingTime());
  }
  getDefaultTrigger(): Trigger<T, TimeWindow> {
    return ProcessingTimeTrigger.create();
  }
  isEventTime(): boolean {
    return false;
  }
}

/** One window for everything per key; it never fires unless given a trigger (e.g. CountTrigger). */
export class GlobalWindows extends WindowAssigner<unknown, GlobalWindow> {
  private static readonly WINDOWS = [GlobalWindow.INSTANCE];
  private constructor(private readonly endOfStream: boolean) {
    super();
  }
  static create(): GlobalWindows {
    return new GlobalWindows(false);
  }
  /** Global windows that fire once, at the end of a bounded input (EndOfStreamTrigger). */
  static createWithEndOfStreamTrigger(): GlobalWindows {
    return new GlobalWindows(true);
  }
  assignWindows(): GlobalWindow[] {
    return GlobalWindows.WINDOWS;
  }
  getDefaultTrigger(): Trigger<unknown, GlobalWindow> {
    return this.endOfStream ? new EndOfStreamTrigger() : new NeverTrigger();
  }
  isEventTime(): boolean {
    return false;
  }
  override namespace(): Namespace {
    return 0;
  }
}
