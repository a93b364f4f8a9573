export class StateDescriptor {
    name;
    ttl;
    constructor(name) {
        this.name = name;
        if (!name)
            throw new Error("a state descriptor needs a non-empty name");
    }
    /** Values older than the TTL are never returned and are eventually removed. */
    enableTimeToLive(config) {
        this.ttl = config;
        return this;
    }
}
export class ValueStateDescriptor extends StateDescriptor {
    defaultValue;
    kind = "value";
    constructor(name, 
    /** Returned by value() while nothing is stored. */
    defaultValue) {
        super(name);
        this.defaultValue = defaultValue;
    }
}
export class ListStateDescriptor extends StateDescriptor {
    kind = "list";
}
/** Map state keys follow the same rule as stream keys: plain values that compare by value. */
export class MapStateDescriptor extends StateDescriptor {
    kind = "map";
}
export class ReducingStateDescriptor extends StateDescriptor {
    reduceFunction;
    kind = "reducing";
    constructor(name, reduceFunction) {
        super(name);
        this.reduceFunction = reduceFunction;
    }
}
export class AggregatingStateDescriptor extends StateDescriptor {
    aggregateFunction;
    kind = "aggregating";
    constructor(name, aggregateFunction) {
        super(name);
        this.aggregateFunction = aggregateFunction;
    }
}
//# sourceMappingURL=state-descriptors.js.map