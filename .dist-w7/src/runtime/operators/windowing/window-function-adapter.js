/**
 * One calling convention for the window functions the API accepts: process (keyed or all),
 * apply (keyed or all), or none (emit the incremental result itself).
 */
import { richFunction } from "../../../api/functions.js";
export function adaptWindowFunction(kind, fn) {
    if (kind === "pass") {
        return {
            process: (_k, _w, _c, elements, out) => {
                for (const e of elements)
                    out.collect(e);
            },
            clear: () => { },
            open: () => { },
            close: () => { },
        };
    }
    const method = kind.startsWith("process") ? "process" : "apply";
    const rich = richFunction(fn, method);
    const clearFn = typeof fn === "object" && fn !== null && typeof fn.clear === "function"
        ? (ctx) => fn.clear(ctx)
        : () => { };
    const call = rich.call;
    let process;
    switch (kind) {
        case "process":
            process = (key, _w, ctx, elements, out) => call(key, ctx, elements, out);
            break;
        case "process-all":
            process = (_k, _w, ctx, elements, out) => call(ctx, elements, out);
            break;
        case "apply":
            process = (key, w, _c, elements, out) => call(key, w, elements, out);
            break;
        default:
            process = (_k, w, _c, elements, out) => call(w, elements, out);
    }
    return {
        process,
        clear: clearFn,
        open: (ctx) => rich.open?.(ctx),
        close: () => rich.close?.(),
    };
}
//# sourceMappingURL=window-function-adapter.js.map