import { richFunction, type SinkFunction } from "../functions.js";
import type { RuntimeContext } from "../runtime-context.js";
import type { Sink, SinkWriter } from "../sink.js";

/** Adapts a SinkFunction (addSink) to the Sink interface. */
export class FunctionSink<T> implements Sink<T> {
  constructor(private readonly fn: SinkFunction<T>) {}

  async createWriter(ctx: RuntimeContext): Promise<SinkWriter<T>> {
    const f = richFunction<(value: T) => void>(this.fn as never, "invoke");
    await f.open?.(ctx);
    return { write: (value: T) => f.call(value), close: () => f.close?.() };
  }
}
