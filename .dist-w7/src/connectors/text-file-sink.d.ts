import type { RuntimeContext } from "../api/runtime-context.js";
import type { Sink, SinkWriter } from "../api/sink.js";
/**
 * Writes records as text lines (Flink's writeAsText): at parallelism 1 into the file `path`,
 * otherwise into `path/<subtask+1>`, one file per subtask.
 */
export declare class TextFileSink<T> implements Sink<T> {
    private readonly path;
    constructor(path: string);
    createWriter(ctx: RuntimeContext): SinkWriter<T>;
}
