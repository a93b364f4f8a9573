/**
 * StreamExecutionEnvironment: the entry point of a job definition. It only records the pipeline
 * into a StreamGraph; running it is the business of the client and the cluster.
 */
import { StreamGraph } from "../graph/stream-graph.js";
import { WatermarkStrategy } from "./watermark-strategy.js";
import { DataStream, SingleOutputStreamOperator } from "./data-stream.js";
import { KeyedStream } from "./keyed-stream.js";
import { CollectionSource } from "../connectors/collection-source.js";
import { SequenceSource } from "../connectors/sequence-source.js";
import { TextFileSource } from "../connectors/text-file-source.js";
import { SocketTextSource } from "../connectors/socket-text-source.js";
import { parseStateBackendType } from "../runtime/state/state-backend-settings.js";
export const DEFAULT_MAX_PARALLELISM = 128;
export class StreamExecutionEnvironment {
    config;
    streamGraph = new StreamGraph();
    parallelism;
    maxParallelism = DEFAULT_MAX_PARALLELISM;
    checkpointInterval = 0;
    checkpointingMode = "exactly-once";
    restartStrategy;
    bufferTimeoutMs;
    stateBackend;
    executionRequest;
    executionListeners = [];
    /** The job's name, shown in the CLI, REST API and dashboard. */
    jobName = "sluice job";
    constructor(
    /** Parallelism used by operators that don't set their own (`parallelism.default`, `-p`). */
    defaultParallelism = 1, 
    /** Configuration given to the job (`-D key=value`, config file), readable by the definition. */
    config = {}) {
        this.config = config;
        this.parallelism = defaultParallelism;
    }
    setParallelism(parallelism) {
        assertPositiveInt(parallelism, "parallelism");
        this.parallelism = parallelism;
        return this;
    }
    getParallelism() {
        return this.parallelism;
    }
    setMaxParallelism(maxParallelism) {
        assertPositiveInt(maxParallelism, "maxParallelism");
        if (maxParallelism > 32768)
            throw new RangeError("maxParallelism must be at most 32768");
        this.maxParallelism = maxParallelism;
        return this;
    }
    getMaxParallelism() {
        return this.maxParallelism;
    }
    /** Time after which a partly filled network buffer is sent anyway (0 = after every record). */
    setBufferTimeout(ms) {
        if (!(ms >= 0))
            throw new RangeError("buffer timeout must be >= 0");
        this.bufferTimeoutMs = ms;
        return this;
    }
    /** Periodic checkpoints every `intervalMs`, exactly-once (aligned barriers) unless told otherwise. */
    enableCheckpointing(intervalMs, mode = "exactly-once") {
        assertPositiveInt(intervalMs, "checkpoint interval");
        this.checkpointInterval = intervalMs;
        this.checkpointingMode = mode;
        return this;
    }
    /**
     * Where keyed state lives: "hashmap" (objects on the heap; the default) or "lmdb" (on local
     * disk, for state larger than memory). Overrides `state.backend.type`; see docs/state-backends.md.
     */
    setStateBackend(type) {
        this.stateBackend = parseStateBackendType(type, "setStateBackend()");
        return this;
    }
    setRestartStrategy(strategy) {
        this.restartStrategy = strategy;
        return this;
    }
    setJobName(name) {
        this.jobName = name;
        return this;
    }
    /** Job-level settings that travel inside the JobGraph. */
    jobSettings() {
        const s = {
            parallelism: this.parallelism,
            maxParallelism: this.maxParallelism,
            checkpointInterval: this.checkpointInterval,
            checkpointingMode: this.checkpointingMode,
        };
        if (this.bufferTimeoutMs !== undefined)
            s.bufferTimeoutMs = this.bufferTimeoutMs;
        if (this.stateBackend)
            s.stateBackend = this.stateBackend;
        if (this.restartStrategy)
            s.restartStrategy = { ...this.restartStrategy };
        return s;
    }
    // ---- sources -------------------------------------------------------------------------------
    fromSource(source, watermarks = WatermarkStrategy.noWatermarks(), name = "Source") {
        const nonParallel = source.maxParallelism === 1;
        const node = this.streamGraph.addNode({
            kind: "source",
            name,
            parallelism: nonParallel ? 1 : this.parallelism,
            parallelismSet: nonParallel,
            slotSharingGroup: "default",
            chaining: "head",
            inputs: 0,
            config: { bounded: source.boundedness === "bounded", nonParallel },
            fns: { source, watermarks },
        });
        return new SingleOutputStreamOperator(this, node);
    }
    fromElements(...elements) {
        return this.fromSource(new CollectionSource(elements), undefined, "Collection Source");
    }
    fromCollection(elements) {
        return this.fromSource(new CollectionSource([...elements]), undefined, "Collection Source");
    }
    /** The numbers from..to (inclusive), split evenly across the parallel subtasks. */
    fromSequence(from, to) {
        return this.fromSource(new SequenceSource(from, to), undefined, "Sequence Source");
    }
    /** Lines of a text file, split by byte ranges across the parallel subtasks. */
    readTextFile(path) {
        return this.fromSource(new TextFileSource(path), undefined, `Text File Source ${path}`);
    }
    /** Lines read from a TCP socket (a non-parallel, unbounded source). */
    socketTextStream(host, port, delimiter = "\n") {
        return this.fromSource(new SocketTextSource(host, port, delimiter), undefined, `Socket Stream ${host}:${port}`);
    }
    // ---- execution hooks used by the runtime ---------------------------------------------------
    /** Called by executeAndCollect(): the pipeline is complete; the job runner takes it from here. */
    requestExecution(collectSinkId) {
        if (this.executionRequest) {
            throw new Error("executeAndCollect() may be called once per job definition");
        }
        const result = new Promise((resolve, reject) => {
            this.executionRequest = { collectSinkId, resolve, reject };
            for (const l of this.executionListeners)
                l(this.executionRequest);
        });
        // A definition may not await the result (`void stream.executeAndCollect()`); the job's failure
        // is reported by the runner either way, so it must not also surface as an unhandled rejection.
        result.catch(() => { });
        return result;
    }
    /** The runtime learns here when the definition asks for execution before it returns. */
    onExecutionRequest(listener) {
        this.executionListeners.push(listener);
        if (this.executionRequest)
            listener(this.executionRequest);
    }
    /** Internal: the KeyedStream for keyBy(). */
    createKeyedStream(inputs, selector) {
        return new KeyedStream(this, inputs, selector);
    }
    /** Internal: adds an operator reading from `inputs`. */
    addOperator(kind, name, inputs, fns, config = {}, inputIndex = 0, secondInputs) {
        const node = this.streamGraph.addNode({
            kind,
            name,
            parallelism: this.parallelism,
            parallelismSet: false,
            slotSharingGroup: this.slotSharingGroupOf(inputs, secondInputs),
            chaining: "always",
            inputs: secondInputs ? 2 : 1,
            config,
            fns,
        });
        this.connectInputs(node.id, inputs, inputIndex);
        if (secondInputs)
            this.connectInputs(node.id, secondInputs, 1);
        return new SingleOutputStreamOperator(this, node);
    }
    connectInputs(target, inputs, inputIndex) {
        for (const input of inputs) {
            this.streamGraph.addEdge({
                source: input.nodeId,
                target,
                partitioner: input.partitioner,
                inputIndex,
                sideOutput: input.sideOutput,
                fns: input.fns ?? {},
            });
        }
    }
    /** Like Flink: an operator inherits the slot sharing group of its inputs when they agree. */
    slotSharingGroupOf(inputs, more) {
        const groups = new Set([...inputs, ...(more ?? [])].map((i) => this.streamGraph.node(i.nodeId).slotSharingGroup));
        return groups.size === 1 ? [...groups][0] : "default";
    }
}
function assertPositiveInt(n, what) {
    if (!Number.isInteger(n) || n < 1)
        throw new RangeError(`${what} must be a positive integer, got ${n}`);
}
export { DataStream };
//# sourceMappingURL=environment.js.map