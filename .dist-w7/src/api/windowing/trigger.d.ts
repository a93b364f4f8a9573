/**
 * Triggers decide when a window's contents are emitted (FIRE) and/or dropped (PURGE). They are
 * called per element and when their timers fire, with the current key and window in scope, and
 * may keep state per key and window through getPartitionedState.
 */
import type { StateDescriptor } from "../state/state-descriptors.js";
import type { StateOf } from "../state/state.js";
import type { Window } from "./windows.js";
export type TriggerResult = "CONTINUE" | "FIRE" | "PURGE" | "FIRE_AND_PURGE";
export declare const TriggerResult: {
    readonly isFire: (r: TriggerResult) => boolean;
    readonly isPurge: (r: TriggerResult) => boolean;
};
export interface TriggerContext {
    getCurrentProcessingTime(): number;
    getCurrentWatermark(): number;
    registerProcessingTimeTimer(time: number): void;
    registerEventTimeTimer(time: number): void;
    deleteProcessingTimeTimer(time: number): void;
    deleteEventTimeTimer(time: number): void;
    /** State scoped to the current key and window. */
    getPartitionedState<D extends StateDescriptor>(descriptor: D): StateOf<D>;
}
export interface OnMergeContext extends TriggerContext {
    /** Merges the state of the windows being merged into the merged window. */
    mergePartitionedState(descriptor: StateDescriptor): void;
}
export declare abstract class Trigger<T, W extends Window> {
    readonly __elementType?: (value: T, window: W) => void;
    abstract onElement(element: T, timestamp: number, window: W, ctx: TriggerContext): TriggerResult;
    abstract onProcessingTime(time: number, window: W, ctx: TriggerContext): TriggerResult;
    abstract onEventTime(time: number, window: W, ctx: TriggerContext): TriggerResult;
    /** Whether this trigger supports merging windows (sessions). */
    canMerge(): boolean;
    onMerge(_window: W, _ctx: OnMergeContext): void;
    /** The window is being removed: delete its timers and state. */
    abstract clear(window: W, ctx: TriggerContext): void;
    toString(): string;
}
