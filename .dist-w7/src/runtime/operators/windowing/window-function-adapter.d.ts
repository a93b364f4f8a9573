/**
 * One calling convention for the window functions the API accepts: process (keyed or all),
 * apply (keyed or all), or none (emit the incremental result itself).
 */
import { type Collector, type Key } from "../../../api/functions.js";
import type { StreamingRuntimeContext } from "../../../api/runtime-context.js";
import type { ProcessWindowContext } from "../../../api/windowing/window-functions.js";
import type { Window } from "../../../api/windowing/windows.js";
export type WindowFunctionKind = "pass" | "process" | "process-all" | "apply" | "apply-all";
export interface InternalWindowFunction {
    process(key: Key, window: Window, ctx: ProcessWindowContext<Window>, elements: readonly unknown[], out: Collector<unknown>): void;
    clear(ctx: ProcessWindowContext<Window>): void;
    open(ctx: StreamingRuntimeContext): void | Promise<void>;
    close(): void | Promise<void>;
}
export declare function adaptWindowFunction(kind: WindowFunctionKind, fn: unknown): InternalWindowFunction;
