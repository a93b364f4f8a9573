/**
 * Timers and contexts of the keyed process-function operators (keyed process, keyed co-process,
 * keyed broadcast process): one event-time and one processing-time TimerService on the keyed
 * backend, a user-facing TimerService, and one reusable context object per operator.
 */
import type { Collector, Key } from "../../api/functions.js";
import type { OutputTag } from "../../api/output-tag.js";
import type { OnTimerContext, TimeDomain, TimerService as UserTimerService } from "../../api/process/keyed-process-function.js";
import { NO_TIMESTAMP } from "../network/record-batch-codec.js";
import type { KeyedStateBackend } from "../state/keyed-state-backend.js";
import { TimerService } from "../state/timers/timer-service.js";
import type { Output } from "./output.js";
import { registerErrorClass, SluiceError } from "../../errors/sluice-error.js";
import type { ProcessingTimeService } from "./stream-operator.js";

/** Registering a timer outside a keyed stream (Flink throws UnsupportedOperationException). */
export class TimersNotSupportedError extends SluiceError {}
registerErrorClass(TimersNotSupportedError);

/**
 * The TimerService of process functions on non-keyed streams: both clocks readable, no timers
 * (they are kept per key, and there is no key), as in Flink.
 */
export function nonKeyedTimerService(clock: ProcessingTimeService, watermark: () => number): UserTimerService {
  const refuse = (): never => {
    throw new TimersNotSupportedError("timers can only be set on keyed streams: call keyBy() before process(), or use a KeyedProcessFunction");
  };
  return {
    currentProcessingTime: () => clock.now(),
    currentWatermark: watermark,
    registerEventTimeTimer: refuse,
    registerProcessingTimeTimer: refuse,
    deleteEventTimeTimer: refuse,
    deleteProcessingTimeTimer: refuse,
  };
}

/** Process functions' timers have no namespace: one per key and timestamp. */
const VOID = 0;
const voidNs = (): number => VOID;

export class KeyedTimers {
  readonly event: TimerService<number>;
  readonly processing: TimerService<number>;
  readonly service: UserTimerService;

  constructor(
    backend: KeyedStateBackend,
    clock: ProcessingTimeService,
    watermark: () => number,
    onTimer: (timestamp: number, domain: TimeDomain) => void,
  ) {
    const event = new TimerService<number>(backend, "event", (t) => onTimer(t.timestamp, "event-time"), voidNs);
    const processing = new TimerService<number>(backend, "processing", (t) => onTimer(t.timestamp, "processing-time"), voidNs, clock);
    this.event = event;
    this.processing = processing;
    this.service = {
      currentProcessingTime: () => clock.now(),
      currentWatermark: watermark,
      registerEventTimeTimer: (t) => event.register(VOID, t),
      registerProcessingTimeTimer: (t) => processing.register(VOID, t),
      deleteEventTimeTimer: (t) => event.delete(VOID, t),
      deleteProcessingTimeTimer: (t) => processing.delete(VOID, t),
    };
  }

  /** After a restore: rebuild the timers' firing order from the keyed backend. */
  restore(): void {
    this.event.restore();
    this.processing.restore();
  }

  /** End of input: fire the remaining processing-time timers as if the clock reached the end of time. */
  fireRemainingProcessingTime(): void {
    this.processing.advance(Number.POSITIVE_INFINITY);
  }

  stop(): void {
    this.processing.stop();
  }
}

/**
 * The context of an element or timer: the record's (or timer's) timestamp, side outputs, timers
 * and the current key. Its `timestamp` is also the timestamp of what the function emits.
 */
export class KeyedProcessContextImpl implements OnTimerContext<Key> {
  /** NO_TIMESTAMP when the element has none (or for processing-time timers). */
  currentTimestamp = NO_TIMESTAMP;
  domain: TimeDomain = "event-time";
  readonly out: Collector<unknown>;
  private readonly timers: UserTimerService;

  constructor(
    private readonly target: () => Output,
    private readonly clock: ProcessingTimeService,
    /** The keyed timers; undefined on non-keyed streams, where only the clocks are readable. */
    timers: UserTimerService | undefined,
    private readonly backend: KeyedStateBackend | undefined,
    private readonly watermark: () => number,
  ) {
    this.out = { collect: (v) => this.target().collect(v, this.currentTimestamp) };
    this.timers = timers ?? nonKeyedTimerService(clock, watermark);
  }

  timestamp(): number | undefined {
    return this.currentTimestamp === NO_TIMESTAMP ? undefined : this.currentTimestamp;
  }
  currentProcessingTime(): number {
    return this.clock.now();
  }
  output<X>(tag: OutputTag<X>, value: X): void {
    this.target().collectSide(tag.id, value, this.currentTimestamp);
  }
  timerService(): UserTimerService {
    return this.timers;
  }
  currentWatermark(): number {
    return this.watermark();
  }
  getCurrentKey(): Key {
    if (!this.backend) throw new Error("there is no key on a non-keyed stream");
    return this.backend.getCurrentKey();
  }
  timeDomain(): TimeDomain {
    return this.domain;
  }

  /** Prepares the context for a timer: event-time output carries the timer's time, processing-time output none. */
  forTimer(timestamp: number, domain: TimeDomain): this {
    this.domain = domain;
    this.currentTimestamp = domain === "event-time" ? timestamp : NO_TIMESTAMP;
    return this;
  }
}
