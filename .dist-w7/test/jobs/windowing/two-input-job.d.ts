/**
 * Two-input operators and keyed timers over the same out-of-order stream: window join, coGroup,
 * interval join, co-map, keyed co-process with event-time timers, a keyed process function with
 * timers, and the broadcast state pattern. Both sides are split off the single (parallelism 1)
 * source at parallelism 1, so every operator sees each event after exactly the watermarks before
 * it (see epoch-source.ts). Args: [seed]
 */
import { MapStateDescriptor } from "sluice";
export declare const TIMER_BUCKET = 500;
export interface TimerFiring {
    key: string;
    at: number;
    sum: number;
}
export declare const RULES: MapStateDescriptor<string, number>;
export interface BroadcastView {
    subtask: number;
    rules: [string, number][];
}
declare const _default: import("sluice").JobDefinition;
export default _default;
