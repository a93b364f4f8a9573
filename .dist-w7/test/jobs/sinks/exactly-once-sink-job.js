/**
 * A stateful job writing to an exactly-once sink (file or PostgreSQL), with failures injected in
 * user code and in the sink on early attempts. Its committed output must equal
 * referenceLines(count) however often it failed. Args: [JSON of SinkJobSpec].
 */
import { DataGeneratorSource, FileSink, PostgresSink, RestartStrategies, ValueStateDescriptor, WatermarkStrategy, defineJob, } from "sluice";
import { FaultInjectingSink } from "./support/fault-injecting-sink.js";
import { KEYS, outputLine } from "./support/sink-job-spec.js";
/** Running count and sum per key; alerts (throws) on a gap or duplicate, as Flink's HA tests do. */
class RunningTotals {
    n;
    total;
    last;
    open(ctx) {
        this.n = ctx.getState(new ValueStateDescriptor("n"));
        this.total = ctx.getState(new ValueStateDescriptor("total"));
        this.last = ctx.getState(new ValueStateDescriptor("last-index"));
    }
    map(r) {
        const expected = (this.last.value() ?? r.key - KEYS) + KEYS;
        if (r.index !== expected)
            throw new Error(`key ${r.key}: index ${r.index} where ${expected} was next (gap or duplicate)`);
        this.last.update(r.index);
        const n = (this.n.value() ?? 0) + 1;
        const total = (this.total.value() ?? 0) + r.index;
        this.n.update(n);
        this.total.update(total);
        return { key: r.key, index: r.index, n, total };
    }
}
export default defineJob((env, args) => {
    const spec = JSON.parse(args[0]);
    env.setParallelism(spec.parallelism);
    if (spec.checkpointIntervalMs > 0)
        env.enableCheckpointing(spec.checkpointIntervalMs);
    const failures = spec.userFailures.length + spec.sinkFaults.length;
    env.setRestartStrategy(RestartStrategies.fixedDelayRestart(failures + 1, 0));
    const target = spec.target;
    const sink = target.kind === "file"
        ? FileSink.forRowFormat(target.dir, (r) => `${outputLine(r)}\n`)
        : new PostgresSink({
            connection: target.connection,
            table: target.table,
            columns: ["k", "idx", "n", "total"],
            toRow: (r) => [r.key, r.index, r.n, r.total],
            transactionIdPrefix: target.transactionIdPrefix,
            rowsPerStatement: target.rowsPerStatement,
        });
    let attempt = 0;
    env
        .fromSource(new DataGeneratorSource((index) => ({ key: index % KEYS, index }), spec.count, { recordsPerSecond: spec.recordsPerSecond }), WatermarkStrategy.noWatermarks(), "Numbers")
        // Chained to the source, before any sink subtask can have reached end of input. "At or
        // after" the point, not "at": source subtasks progress independently, so a restored
        // checkpoint may already be past the point in one lane while another lane is before it.
        .map({
        open(ctx) {
            attempt = ctx.attemptNumber;
        },
        map(r) {
            const point = spec.userFailures[attempt];
            if (point !== undefined && r.index >= point)
                throw new Error(`injected failure of attempt ${attempt} at record ${r.index}`);
            return r;
        },
    })
        .name("Failure injector")
        .keyBy((r) => r.key)
        .map(new RunningTotals())
        .name("Running totals")
        .uid("running-totals")
        .sinkTo(new FaultInjectingSink(sink, spec.sinkFaults, spec.sinkFaultsBelowIndex), `${target.kind} sink`)
        .uid("exactly-once-sink");
});
//# sourceMappingURL=exactly-once-sink-job.js.map