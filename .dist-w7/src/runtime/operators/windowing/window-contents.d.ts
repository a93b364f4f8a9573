/**
 * What a window keeps, in the keyed backend under the window's namespace: a running reduce, a
 * running aggregate, or all elements (for process/apply functions and for evictors, which need
 * every element to choose from).
 */
import type { ReduceFunction } from "../../../api/functions.js";
import type { AggregateFunction } from "../../../api/state/aggregate-function.js";
import type { Evictor, EvictorContext } from "../../../api/windowing/evictors.js";
import type { Window } from "../../../api/windowing/windows.js";
import type { KeyedStateBackend } from "../../state/keyed-state-backend.js";
import { type Namespace, type NamespaceScope } from "../../state/state-cell.js";
export type ContentsSpec = {
    kind: "reduce";
    reduce: ReduceFunction<unknown>;
} | {
    kind: "aggregate";
    aggregate: AggregateFunction<unknown, unknown, unknown>;
} | {
    kind: "list";
};
export interface WindowContents {
    add(value: unknown, timestamp: number): void;
    /** Calls `emit` with what the window function gets, unless the window is empty. */
    fire(window: Window, emit: (elements: readonly unknown[]) => void): void;
    clear(): void;
    merge(target: Namespace, sources: readonly Namespace[]): void;
}
export declare function createWindowContents(spec: ContentsSpec, backend: KeyedStateBackend, scope: NamespaceScope, evictor: Evictor<unknown, Window> | undefined, evictorContext: EvictorContext): WindowContents;
