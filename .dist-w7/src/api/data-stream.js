import { isTwoPhaseCommitSink } from "./sink.js";
import { PrintSink } from "../connectors/print-sink.js";
import { TextFileSink } from "../connectors/text-file-sink.js";
import { FunctionSink } from "../connectors/function-sink.js";
// State and time (issue 3): the builders live in their own modules; these methods only delegate.
import { broadcastWithState, connectStreams, } from "./process/connected-streams.js";
import { CoGroupedStreams, JoinedStreams } from "./process/joined-streams.js";
import { AllWindowedStream } from "./windowing/windowed-stream.js";
import { GlobalWindows } from "./windowing/time-window-assigners.js";
import { CountTrigger, PurgingTrigger } from "./windowing/triggers.js";
import { CountEvictor } from "./windowing/evictors.js";
export class DataStream {
    env;
    inputs;
    constructor(env, 
    /** @internal */ inputs) {
        this.env = env;
        this.inputs = inputs;
    }
    map(fn) {
        return this.env.addOperator("map", "Map", this.inputs, { fn });
    }
    flatMap(fn) {
        return this.env.addOperator("flatMap", "Flat Map", this.inputs, { fn });
    }
    filter(fn) {
        return this.env.addOperator("filter", "Filter", this.inputs, { fn });
    }
    process(fn) {
        return this.env.addOperator("process", "Process", this.inputs, { fn });
    }
    /** Partitions by key: every record with the same key goes to the same parallel instance (via its key group). */
    keyBy(selector) {
        // Built by the environment so that this module needs KeyedStream (its subclass) only as a type.
        return this.env.createKeyedStream(this.repartition({ type: "hash" }, { key: selector }), selector);
    }
    union(...others) {
        for (const o of others) {
            if (o.env !== this.env)
                throw new Error("union(): streams belong to different environments");
        }
        return new DataStream(this.env, [...this.inputs, ...others.flatMap((o) => o.inputs)]);
    }
    /** Each subtask sends to the subtask with the same index (parallelism must match). */
    forward() {
        return new DataStream(this.env, this.repartition({ type: "forward" }));
    }
    /** Round-robin over all downstream subtasks. */
    rebalance() {
        return new DataStream(this.env, this.repartition({ type: "rebalance" }));
    }
    /** Round-robin over a local subset of downstream subtasks. */
    rescale() {
        return new DataStream(this.env, this.repartition({ type: "rescale" }));
    }
    /** Uniformly random downstream subtask. */
    shuffle() {
        return new DataStream(this.env, this.repartition({ type: "shuffle" }));
    }
    broadcast(...descriptors) {
        if (descriptors.length > 0)
            return broadcastWithState(this, descriptors);
        return new DataStream(this.env, this.repartition({ type: "broadcast" }));
    }
    /** Everything to the first downstream subtask. */
    global() {
        return new DataStream(this.env, this.repartition({ type: "global" }));
    }
    partitionCustom(partitioner, selector) {
        return new DataStream(this.env, this.repartition({ type: "custom" }, { key: selector, partitioner }));
    }
    assignTimestampsAndWatermarks(strategy) {
        return this.env.addOperator("timestamps-watermarks", "Timestamps/Watermarks", this.inputs, { watermarks: strategy });
    }
    connect(other) {
        return connectStreams(this, other);
    }
    /** Window join: `join(other).where(k1).equalTo(k2).window(assigner).apply(fn)`. */
    join(other) {
        return new JoinedStreams(this, other);
    }
    /** Window coGroup: like join, but the function gets both sides' elements per key and window. */
    coGroup(other) {
        return new CoGroupedStreams(this, other);
    }
    /** Windows over the whole (non-keyed) stream, evaluated by one instance. */
    windowAll(assigner) {
        return new AllWindowedStream(this, assigner);
    }
    /** Windows of `size` elements (sliding by `slide` elements when given) over the whole stream. */
    countWindowAll(size, slide) {
        const w = this.windowAll(GlobalWindows.create()).evictor(CountEvictor.of(size));
        return slide === undefined ? w.trigger(PurgingTrigger.of(CountTrigger.of(size))) : w.trigger(CountTrigger.of(slide));
    }
    /** Prints every record to standard output (the TaskManager's, or the client's on the MiniCluster). */
    print(prefix) {
        return this.sinkTo(new PrintSink(prefix), "Print to Std. Out");
    }
    /** Writes records as lines, one file per parallel subtask under `path` (or `path` itself at parallelism 1). */
    writeAsText(path) {
        return this.sinkTo(new TextFileSink(path), `Text File Sink ${path}`);
    }
    addSink(fn) {
        return this.sinkTo(new FunctionSink(fn), "Sink");
    }
    /** Writes to a sink; a TwoPhaseCommitSink commits its output exactly once, at checkpoint completion. */
    sinkTo(sink, name = "Sink") {
        const kind = isTwoPhaseCommitSink(sink) ? "two-phase-commit-sink" : "sink";
        return new DataStreamSink(this.env.addOperator(kind, name, this.inputs, { sink }).node);
    }
    /**
     * Runs the job defined so far and resolves with every record of this stream (for tests and
     * small jobs). Only one execution per job definition.
     */
    executeAndCollect() {
        // One collecting subtask, as in Flink, so the client receives a single stream.
        const sink = this.env.addOperator("collect", "Collect Sink", this.inputs, {}).setParallelism(1);
        return this.env.requestExecution(sink.node.id);
    }
    repartition(partitioner, fns) {
        return this.inputs.map((i) => ({ ...i, partitioner, fns: fns ?? i.fns }));
    }
}
/** A stream produced by one operator, whose properties can be set. */
export class SingleOutputStreamOperator extends DataStream {
    node;
    constructor(env, 
    /** @internal */ node) {
        super(env, [{ nodeId: node.id }]);
        this.node = node;
    }
    name(name) {
        this.node.name = name;
        return this;
    }
    /** A stable id for matching state in savepoints; must be unique in the job. */
    uid(uid) {
        this.node.uid = uid;
        return this;
    }
    setParallelism(parallelism) {
        if (!Number.isInteger(parallelism) || parallelism < 1)
            throw new RangeError(`parallelism must be a positive integer, got ${parallelism}`);
        if (this.node.config.nonParallel === true && parallelism !== 1) {
            throw new RangeError(`${this.node.name} is a non-parallel source: its parallelism must be 1`);
        }
        this.node.parallelism = parallelism;
        this.node.parallelismSet = true;
        return this;
    }
    setMaxParallelism(maxParallelism) {
        this.node.maxParallelism = maxParallelism;
        return this;
    }
    slotSharingGroup(name) {
        this.node.slotSharingGroup = name;
        return this;
    }
    /** This operator chains with neither its predecessor nor its successor. */
    disableChaining() {
        this.node.chaining = "never";
        return this;
    }
    /** Starts a new chain at this operator; its successors may still chain to it. */
    startNewChain() {
        this.node.chaining = "head";
        return this;
    }
    /** Records a process function emitted to `tag` with ctx.output(tag, value). */
    getSideOutput(tag) {
        return new DataStream(this.env, [{ nodeId: this.node.id, sideOutput: tag.id }]);
    }
}
/** The end of a pipeline; only its properties can be set. */
export class DataStreamSink {
    node;
    constructor(/** @internal */ node) {
        this.node = node;
    }
    name(name) {
        this.node.name = name;
        return this;
    }
    uid(uid) {
        this.node.uid = uid;
        return this;
    }
    setParallelism(parallelism) {
        if (!Number.isInteger(parallelism) || parallelism < 1)
            throw new RangeError(`parallelism must be a positive integer, got ${parallelism}`);
        this.node.parallelism = parallelism;
        this.node.parallelismSet = true;
        return this;
    }
    slotSharingGroup(name) {
        this.node.slotSharingGroup = name;
        return this;
    }
    disableChaining() {
        this.node.chaining = "never";
        return this;
    }
}
//# sourceMappingURL=data-stream.js.map