import type { ProcessingTimeService } from "../runtime/operators/stream-operator.js";
/** A processing-time clock that moves only when a test says so; due timers fire in timestamp order. */
export declare class ManualProcessingTimeService implements ProcessingTimeService {
    private time;
    private timers;
    private seq;
    constructor(start?: number);
    now(): number;
    setTimer(timestamp: number, callback: (timestamp: number) => void): () => void;
    scheduleAtFixedRate(intervalMs: number, callback: () => void): () => void;
    /** Moves the clock to `timestamp`, firing every timer due by then, earliest first. */
    advanceTo(timestamp: number): void;
}
