import { richFunction } from "../functions.js";
function tag(input, side) {
    const op = input.map((value) => ({ side, value })).name(`Tagger (input ${side})`);
    const only = input.inputs.length === 1 ? input.inputs[0] : undefined;
    if (only && !only.partitioner && !only.sideOutput)
        op.setParallelism(input.env.streamGraph.node(only.nodeId).parallelism);
    return op;
}
export class CoGroupedStreams {
    first;
    second;
    constructor(first, second) {
        this.first = first;
        this.second = second;
        if (first.env !== second.env)
            throw new Error("join/coGroup: streams belong to different environments");
    }
    where(key1) {
        return { equalTo: (key2) => new CoGroupWhereEqualTo(this.first, this.second, key1, key2) };
    }
}
export class CoGroupWhereEqualTo {
    first;
    second;
    key1;
    key2;
    constructor(first, second, key1, key2) {
        this.first = first;
        this.second = second;
        this.key1 = key1;
        this.key2 = key2;
    }
    window(assigner) {
        return new WithWindow(this.first, this.second, this.key1, this.key2, assigner);
    }
}
/** The windowed join/coGroup: trigger, evictor and lateness as on any window, then the function. */
export class WithWindow {
    first;
    second;
    key1;
    key2;
    assigner;
    triggerFn;
    evictorFn;
    lateness = 0;
    constructor(first, second, key1, key2, assigner) {
        this.first = first;
        this.second = second;
        this.key1 = key1;
        this.key2 = key2;
        this.assigner = assigner;
    }
    trigger(trigger) {
        this.triggerFn = trigger;
        return this;
    }
    evictor(evictor) {
        this.evictorFn = evictor;
        return this;
    }
    allowedLateness(ms) {
        this.lateness = ms;
        return this;
    }
    /** coGroup: all elements of both sides per key and window. */
    apply(fn, name = "CoGroup") {
        const rich = richFunction(fn, "coGroup");
        const windowFn = {
            open: rich.open,
            close: rich.close,
            apply: (_key, _w, elements, out) => {
                const a = [];
                const b = [];
                for (const e of elements) {
                    if (e.side === 1)
                        a.push(e.value);
                    else
                        b.push(e.value);
                }
                rich.call(a, b, out);
            },
        };
        return this.windowed().apply(windowFn).name(name);
    }
    windowed() {
        const keyOf = (t) => (t.side === 1 ? this.key1(t.value) : this.key2(t.value));
        const tagged = tag(this.first, 1).union(tag(this.second, 2));
        const w = tagged.keyBy(keyOf).window(this.assigner).allowedLateness(this.lateness);
        if (this.triggerFn)
            w.trigger(this.triggerFn);
        if (this.evictorFn)
            w.evictor(this.evictorFn);
        return w;
    }
}
export class JoinedStreams {
    first;
    second;
    constructor(first, second) {
        this.first = first;
        this.second = second;
        if (first.env !== second.env)
            throw new Error("join: streams belong to different environments");
    }
    where(key1) {
        return { equalTo: (key2) => new JoinWhereEqualTo(this.first, this.second, key1, key2) };
    }
}
export class JoinWhereEqualTo {
    first;
    second;
    key1;
    key2;
    constructor(first, second, key1, key2) {
        this.first = first;
        this.second = second;
        this.key1 = key1;
        this.key2 = key2;
    }
    window(assigner) {
        return new JoinWithWindow(this.first, this.second, this.key1, this.key2, assigner);
    }
}
/** Inner join: the function runs for every pair of the two sides in a key's window. */
export class JoinWithWindow {
    inner;
    constructor(first, second, key1, key2, assigner) {
        this.inner = new WithWindow(first, second, key1, key2, assigner);
    }
    trigger(trigger) {
        this.inner.trigger(trigger);
        return this;
    }
    evictor(evictor) {
        this.inner.evictor(evictor);
        return this;
    }
    allowedLateness(ms) {
        this.inner.allowedLateness(ms);
        return this;
    }
    apply(fn) {
        const rich = richFunction(fn, "join");
        return this.inner.apply({ open: rich.open, close: rich.close, coGroup: (as, bs, out) => { for (const a of as)
                for (const b of bs)
                    out.collect(rich.call(a, b)); } }, "Window Join");
    }
    /** Like apply, for functions that emit any number of results per pair. */
    applyFlat(fn) {
        const rich = richFunction(fn, "join");
        return this.inner.apply({ open: rich.open, close: rich.close, coGroup: (as, bs, out) => { for (const a of as)
                for (const b of bs)
                    rich.call(a, b, out); } }, "Window Join");
    }
}
//# sourceMappingURL=joined-streams.js.map