/**
 * Timers and contexts of the keyed process-function operators (keyed process, keyed co-process,
 * keyed broadcast process): one event-time and one processing-time TimerService on the keyed
 * backend, a user-facing TimerService, and one reusable context object per operator.
 */
import type { Collector, Key } from "../../api/functions.js";
import type { OutputTag } from "../../api/output-tag.js";
import type { OnTimerContext, TimeDomain, TimerService as UserTimerService } from "../../api/process/keyed-process-function.js";
import type { KeyedStateBackend } from "../state/keyed-state-backend.js";
import { TimerService } from "../state/timer-service.js";
import type { Output } from "./output.js";
import type { ProcessingTimeService } from "./stream-operator.js";
export declare class KeyedTimers {
    readonly event: TimerService<number>;
    readonly processing: TimerService<number>;
    readonly service: UserTimerService;
    constructor(backend: KeyedStateBackend, clock: ProcessingTimeService, watermark: () => number, onTimer: (timestamp: number, domain: TimeDomain) => void);
    /** After a restore: rebuild the timers' firing order from the keyed backend. */
    restore(): void;
    /** End of input: fire the remaining processing-time timers as if the clock reached the end of time. */
    fireRemainingProcessingTime(): void;
    stop(): void;
}
/**
 * The context of an element or timer: the record's (or timer's) timestamp, side outputs, timers
 * and the current key. Its `timestamp` is also the timestamp of what the function emits.
 */
export declare class KeyedProcessContextImpl implements OnTimerContext<Key> {
    private readonly target;
    private readonly clock;
    private readonly timers;
    private readonly backend;
    /** NO_TIMESTAMP when the element has none (or for processing-time timers). */
    currentTimestamp: number;
    domain: TimeDomain;
    readonly out: Collector<unknown>;
    constructor(target: () => Output, clock: ProcessingTimeService, timers: UserTimerService | undefined, backend: KeyedStateBackend | undefined);
    timestamp(): number | undefined;
    currentProcessingTime(): number;
    output<X>(tag: OutputTag<X>, value: X): void;
    timerService(): UserTimerService;
    getCurrentKey(): Key;
    timeDomain(): TimeDomain;
    /** Prepares the context for a timer: event-time output carries the timer's time, processing-time output none. */
    forTimer(timestamp: number, domain: TimeDomain): this;
}
