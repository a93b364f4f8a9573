import type { RuntimeContext } from "../api/runtime-context.js";
import type { Sink, SinkWriter } from "../api/sink.js";
/** Formats a record for print(): strings as they are, everything else as console.log would, on one line. */
export declare function formatRecord(value: unknown): string;
/**
 * Prints records to standard output, prefixed like Flink's print(): "prefix:subtask> " where the
 * subtask number (1-based) appears only at parallelism > 1. Lines are written in batches.
 */
export declare class PrintSink<T> implements Sink<T> {
    private readonly prefix?;
    constructor(prefix?: string | undefined);
    createWriter(ctx: RuntimeContext): SinkWriter<T>;
}
