/**
 * Event time as a pure function of the event number, as in Beam's GeneratorConfig: at a constant
 * rate r, event n happens n/r seconds after baseTime. A changing rate is a cycle ("epoch") of
 * steps, each at its own rate for stepLengthSec; the square shape alternates the two rates, the
 * sine shape moves between them in ten steps. Because time depends only on the global event
 * number, every subtask agrees on it and the union of their events matches the serial run.
 */
import type { NexmarkGeneratorConfig } from "./generator-config.js";
export interface EventTiming {
    /** Events per second in each step of the cycle; one entry for a constant rate. */
    readonly stepRates: readonly number[];
    /** Events generated in each step. */
    readonly stepEvents: readonly number[];
    /** Milliseconds each step lasts (its events at its rate). */
    readonly stepMillis: readonly number[];
    readonly eventsPerEpoch: number;
    readonly epochMillis: number;
}
export declare function eventTiming(config: NexmarkGeneratorConfig): EventTiming;
/** Timestamp (epoch ms) of event number `eventNumber`; non-decreasing in eventNumber. */
export declare function eventTimestamp(timing: EventTiming, baseTime: number, eventNumber: number): number;
