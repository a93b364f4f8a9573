/** Functions applied to the contents of a window when it fires. */
import type { Collector, Key, RichFunction } from "../functions.js";
import type { OutputTag } from "../output-tag.js";
import type { KeyedStateStore } from "../state/state.js";
import type { Window } from "./windows.js";
export interface ProcessWindowContext<W extends Window> {
    window(): W;
    currentProcessingTime(): number;
    currentWatermark(): number;
    /** State of this key and window (cleared with clear() of the function when the window is dropped). */
    windowState(): KeyedStateStore;
    /** State of this key across all its windows. */
    globalState(): KeyedStateStore;
    output<X>(tag: OutputTag<X>, value: X): void;
}
/** Gets all elements of a window (or the incremental aggregate, when combined with reduce/aggregate). */
export type ProcessWindowFunction<IN, OUT, K extends Key, W extends Window> = ((key: K, ctx: ProcessWindowContext<W>, elements: readonly IN[], out: Collector<OUT>) => void) | (RichFunction & {
    process(key: K, ctx: ProcessWindowContext<W>, elements: readonly IN[], out: Collector<OUT>): void;
    /** The window is dropped: clean up its windowState(). */
    clear?(ctx: ProcessWindowContext<W>): void;
});
/** windowAll's process function: no key. */
export type ProcessAllWindowFunction<IN, OUT, W extends Window> = ((ctx: ProcessWindowContext<W>, elements: readonly IN[], out: Collector<OUT>) => void) | (RichFunction & {
    process(ctx: ProcessWindowContext<W>, elements: readonly IN[], out: Collector<OUT>): void;
    clear?(ctx: ProcessWindowContext<W>): void;
});
/** The older, simpler form (Flink's WindowFunction): key, window, elements. */
export type WindowFunction<IN, OUT, K extends Key, W extends Window> = ((key: K, window: W, elements: readonly IN[], out: Collector<OUT>) => void) | (RichFunction & {
    apply(key: K, window: W, elements: readonly IN[], out: Collector<OUT>): void;
});
export type AllWindowFunction<IN, OUT, W extends Window> = ((window: W, elements: readonly IN[], out: Collector<OUT>) => void) | (RichFunction & {
    apply(window: W, elements: readonly IN[], out: Collector<OUT>): void;
});
