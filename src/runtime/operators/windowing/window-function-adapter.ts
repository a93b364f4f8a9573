/**
 * One calling convention for the window functions the API accepts: process (keyed or all),
 * apply (keyed or all), or none (emit the incremental result itself).
 */
import { richFunction, type Collector, type Key } from "../../../api/functions.js";
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

type Process = (key: Key, ctx: ProcessWindowContext<Window>, elements: readonly unknown[], out: Collector<unknown>) => void;
type ProcessAll = (ctx: ProcessWindowContext<Window>, elements: readonly unknown[], out: Collector<unknown>) => void;
type Apply = (key: Key, window: Window, elements: readonly unknown[], out: Collector<unknown>) => void;
type ApplyAll = (window: Window, elements: readonly unknown[], out: Collector<unknown>) => void;

export function adaptWindowFunction(kind: WindowFunctionKind, fn: unknown): InternalWindowFunction {
  if (kind === "pass") {
    return {
      process: (_k, _w, _c, elements, out) => {
        for (const e of elements) out.collect(e);
      },
      clear: () => {},
      open: () => {},
      close: () => {},
    };
  }
  const method = kind.startsWith("process") ? "process" : "apply";
  const rich = richFunction<(...a: never[]) => void>(fn as never, method);
  const clearFn = typeof fn === "object" && fn !== null && typeof (fn as { clear?: unknown }).clear === "function"
    ? (ctx: ProcessWindowContext<Window>) => (fn as { clear(c: ProcessWindowContext<Window>): void }).clear(ctx)
    : () => {};
  const call = rich.call as unknown;
  let process: InternalWindowFunction["process"];
  switch (kind) {
    case "process":
      process = (key, _w, ctx, elements, out) => (call as Process)(key, ctx, elements, out);
      break;
    case "process-all":
      process = (_k, _w, ctx, elements, out) => (call as ProcessAll)(ctx, elements, out);
      break;
    case "apply":
      process = (key, w, _c, elements, out) => (call as Apply)(key, w, elements, out);
      break;
    default:
      process = (_k, w, _c, elements, out) => (call as ApplyAll)(w, elements, out);
  }
  return {
    process,
    clear: clearFn,
    open: (ctx) => rich.open?.(ctx),
    close: () => rich.close?.(),
  };
}
