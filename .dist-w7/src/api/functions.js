/**
 * Normalizes a plain function or rich object into `{ call, open, close }` so the runtime
 * has one calling convention.
 */
export function richFunction(fn, method) {
    if (typeof fn === "function")
        return { call: fn };
    const m = fn[method];
    if (typeof m !== "function") {
        throw new TypeError(`expected a function or an object with a ${method}() method`);
    }
    return {
        call: m.bind(fn),
        // The runtime always passes a StreamingRuntimeContext (operator-registry wraps every context).
        open: fn.open?.bind(fn),
        close: fn.close?.bind(fn),
    };
}
//# sourceMappingURL=functions.js.map