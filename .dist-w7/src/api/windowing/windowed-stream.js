/** Settings shared by keyed and all-windows. */
class WindowedStreamBase {
    env;
    inputs;
    assigner;
    allWindows;
    triggerFn;
    evictorFn;
    lateness = 0;
    lateTag;
    constructor(env, inputs, assigner, allWindows) {
        this.env = env;
        this.inputs = inputs;
        this.assigner = assigner;
        this.allWindows = allWindows;
    }
    /** Replaces the assigner's default trigger. */
    trigger(trigger) {
        this.triggerFn = trigger;
        return this;
    }
    /** Removes elements before/after the window function (keeps all elements in state). */
    evictor(evictor) {
        this.evictorFn = evictor;
        return this;
    }
    /** Keeps event-time windows for this long after their end; late elements then fire them again. */
    allowedLateness(ms) {
        if (!(ms >= 0))
            throw new RangeError(`allowed lateness must be >= 0, got ${ms}`);
        this.lateness = ms;
        return this;
    }
    /** Elements too late for every window go to this side output instead of being dropped. */
    sideOutputLateData(tag) {
        this.lateTag = tag;
        return this;
    }
    build(name, contents, windowFunction, windowFn) {
        const config = {
            ...this.assigner.describe(),
            allowedLateness: this.lateness,
            windowFunction,
            contents: contents.kind,
            trigger: (this.triggerFn ?? this.assigner.getDefaultTrigger()).toString(),
            evictor: this.evictorFn !== undefined,
        };
        if (this.lateTag)
            config.lateDataTag = this.lateTag.id;
        const fns = { assigner: this.assigner, trigger: this.triggerFn, evictor: this.evictorFn, contents, windowFn };
        const op = this.env.addOperator("window", name, this.inputs, fns, config);
        return this.allWindows ? op.setParallelism(1) : op;
    }
}
export class WindowedStream extends WindowedStreamBase {
    constructor(env, inputs, assigner) {
        super(env, inputs, assigner, false);
    }
    reduce(fn, windowFn) {
        return this.build("Window(Reduce)", { kind: "reduce", reduce: fn }, windowFn ? "process" : "pass", windowFn);
    }
    aggregate(fn, windowFn) {
        return this.build("Window(Aggregate)", { kind: "aggregate", aggregate: fn }, windowFn ? "process" : "pass", windowFn);
    }
    /** All elements of the window at once, with the window and state in the context. */
    process(fn) {
        return this.build("Window(Process)", { kind: "list" }, "process", fn);
    }
    apply(fn) {
        return this.build("Window(Apply)", { kind: "list" }, "apply", fn);
    }
}
export class AllWindowedStream extends WindowedStreamBase {
    constructor(input, assigner) {
        // One constant key: every element meets in the same (single) instance.
        const keyed = input.keyBy(() => 0);
        super(input.env, keyed.inputs, assigner, true);
    }
    reduce(fn, windowFn) {
        return this.build("WindowAll(Reduce)", { kind: "reduce", reduce: fn }, windowFn ? "process-all" : "pass", windowFn);
    }
    aggregate(fn, windowFn) {
        return this.build("WindowAll(Aggregate)", { kind: "aggregate", aggregate: fn }, windowFn ? "process-all" : "pass", windowFn);
    }
    process(fn) {
        return this.build("WindowAll(Process)", { kind: "list" }, "process-all", fn);
    }
    apply(fn) {
        return this.build("WindowAll(Apply)", { kind: "list" }, "apply-all", fn);
    }
}
//# sourceMappingURL=windowed-stream.js.map