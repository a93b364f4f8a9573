import { richFunction } from "../api/functions.js";
/** Adapts a SinkFunction (addSink) to the Sink interface. */
export class FunctionSink {
    fn;
    constructor(fn) {
        this.fn = fn;
    }
    async createWriter(ctx) {
        const f = richFunction(this.fn, "invoke");
        await f.open?.(ctx);
        return { write: (value) => f.call(value), close: () => f.close?.() };
    }
}
//# sourceMappingURL=function-sink.js.map