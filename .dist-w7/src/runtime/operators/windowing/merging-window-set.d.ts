/**
 * The session windows of one key and the state window of each (Flink's MergingWindowSet). When
 * windows merge, their contents are merged into the state window of one of them, so the
 * namespace holding a session's contents stays stable while the session grows. Persisted per
 * key in the keyed backend (so per key group) as [window, stateWindow] pairs.
 */
import type { MergingWindowAssigner } from "../../../api/windowing/window-assigner.js";
import { type Window } from "../../../api/windowing/windows.js";
import type { KeyedStateBackend, StateTable } from "../../state/keyed-state-backend.js";
import type { Namespace } from "../../state/state-cell.js";
export type MergeFunction<W> = (mergeResult: W, mergedWindows: W[], stateWindowResult: W, mergedStateWindows: W[]) => void;
export declare class MergingWindowSet<W extends Window> {
    private readonly assigner;
    private readonly ns;
    private readonly table;
    private readonly backend;
    private readonly mapping;
    constructor(assigner: MergingWindowAssigner<unknown, W>, ns: (w: W) => Namespace, table: StateTable<[W, W][]>, backend: KeyedStateBackend);
    getStateWindow(window: W): W | undefined;
    /** The window is gone (fired and cleaned up, or late). */
    retireWindow(window: W): void;
    /**
     * Adds a new window, merging it with overlapping ones; returns the window it ended up in.
     * `merge` is called for every merge before the mapping is used again.
     */
    addWindow(newWindow: W, merge: MergeFunction<W>): W;
    /** Writes the set back to the backend for the current key. */
    persist(): void;
}
