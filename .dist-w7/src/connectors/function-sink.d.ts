import { type SinkFunction } from "../api/functions.js";
import type { RuntimeContext } from "../api/runtime-context.js";
import type { Sink, SinkWriter } from "../api/sink.js";
/** Adapts a SinkFunction (addSink) to the Sink interface. */
export declare class FunctionSink<T> implements Sink<T> {
    private readonly fn;
    constructor(fn: SinkFunction<T>);
    createWriter(ctx: RuntimeContext): Promise<SinkWriter<T>>;
}
