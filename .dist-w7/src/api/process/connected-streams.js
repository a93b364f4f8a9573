function hashed(inputs, key) {
    return inputs.map((i) => ({ ...i, partitioner: { type: "hash" }, fns: { key } }));
}
export class ConnectedStreams {
    env;
    first;
    second;
    constructor(env, 
    /** @internal */ first, 
    /** @internal */ second) {
        this.env = env;
        this.first = first;
        this.second = second;
    }
    /** Partitions both inputs by key, so that elements with equal keys meet in one instance. */
    keyBy(key1, key2) {
        return new KeyedConnectedStreams(this.env, hashed(this.first, key1), hashed(this.second, key2));
    }
    map(fn) {
        return this.env.addOperator("co-map", "Co-Map", this.first, { fn }, {}, 0, this.second);
    }
    flatMap(fn) {
        return this.env.addOperator("co-flat-map", "Co-Flat Map", this.first, { fn }, {}, 0, this.second);
    }
    process(fn) {
        return this.env.addOperator("co-process", "Co-Process", this.first, { fn }, {}, 0, this.second);
    }
}
/** Both inputs keyed alike: keyed state and timers per key. */
export class KeyedConnectedStreams extends ConnectedStreams {
    process(fn) {
        return this.env.addOperator("co-process", "Keyed Co-Process", this.first, { fn }, { keyed: true }, 0, this.second);
    }
}
/** A stream broadcast to every instance of the operator it is connected to, with its broadcast state. */
export class BroadcastStream {
    env;
    inputs;
    descriptors;
    constructor(env, 
    /** @internal */ inputs, descriptors) {
        this.env = env;
        this.inputs = inputs;
        this.descriptors = descriptors;
        for (const d of descriptors)
            if (d.kind !== "map")
                throw new TypeError("broadcast state descriptors must be MapStateDescriptors");
    }
}
export class BroadcastConnectedStream {
    env;
    main;
    broadcastStream;
    constructor(env, 
    /** @internal */ main, 
    /** @internal */ broadcastStream) {
        this.env = env;
        this.main = main;
        this.broadcastStream = broadcastStream;
    }
    process(fn) {
        return this.build("Co-Process-Broadcast", fn);
    }
    build(name, fn) {
        const bs = this.broadcastStream;
        return this.env.addOperator("broadcast-process", name, this.main, { fn, descriptors: bs.descriptors }, {}, 0, bs.inputs);
    }
}
export class KeyedBroadcastConnectedStream extends BroadcastConnectedStream {
    process(fn) {
        return this.build("Co-Process-Broadcast-Keyed", fn);
    }
}
/** DataStream.connect(): with a BroadcastStream, the broadcast pattern; otherwise two co-processed inputs. */
export function connectStreams(self, other) {
    if (other.env !== self.env)
        throw new Error("connect(): streams belong to different environments");
    if (other instanceof BroadcastStream)
        return new BroadcastConnectedStream(self.env, self.inputs, other);
    return new ConnectedStreams(self.env, self.inputs, other.inputs);
}
/** DataStream.broadcast(...descriptors). */
export function broadcastWithState(self, descriptors) {
    return new BroadcastStream(self.env, self.inputs.map((i) => ({ ...i, partitioner: { type: "broadcast" } })), descriptors);
}
//# sourceMappingURL=connected-streams.js.map