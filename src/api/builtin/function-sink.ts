import { richFunction, type SinkFunction } from "../functions.js";
import type { RuntimeContext } from "../runtime-context.js";
import type { Sink, SinkWriter } from "../sink.js";

/** Adapts a SinkFunction (addSink) to the Sink interface. */
export class FunctionSink<T> implements Sink<T> {
  /** The user's function, whose checkpoint methods the runtime calls (src/api/checkpointed-function.ts). */
  constructor(readonly userFunction: SinkFunction<T>) {}

  async createWriter(ctx: RuntimeContext): Promise<SinkWriter<T>> {
    const f = richFunction<(value: T) => void>(this.userFunction as never, "invoke");
    await f.open?.(ctx);
    const finish = typeof this.userFunction === "object" ? this.userFunction.finish?.bind(this.userFunction) : undefined;
    return {
      write: (value: T) => f.call(value),
      flush: async (endOfInput) => {
        if (endOfInput) await finish?.();
      },
      close: () => f.close?.(),
    };
  }
}
