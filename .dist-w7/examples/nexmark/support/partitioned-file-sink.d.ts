import type { RuntimeContext, Sink, SinkWriter } from "sluice";
import type { Q10Result } from "../queries/q10.js";
export declare function q10CsvLine(r: Q10Result): string;
export declare class PartitionedFileSink implements Sink<Q10Result> {
    private readonly dir;
    constructor(dir: string);
    createWriter(ctx: RuntimeContext): SinkWriter<Q10Result>;
}
