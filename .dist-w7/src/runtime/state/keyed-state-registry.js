import { AggregatingStateDescriptor, ListStateDescriptor, MapStateDescriptor, ReducingStateDescriptor, ValueStateDescriptor, } from "../../api/state/state-descriptors.js";
import { HeapAggregatingState, HeapListState, HeapMapState, HeapReducingState, HeapValueState } from "./heap-states.js";
import { FlatCell, NamespacedCell } from "./state-cell.js";
import { TtlPolicy } from "./ttl.js";
/** Prefix of state tables created by users, apart from the operators' own tables ("_…"). */
export const USER_STATE_PREFIX = "user:";
export class KeyedStateRegistry {
    backend;
    now;
    scope;
    tablePrefix;
    created = new Map();
    constructor(backend, now, 
    /** When given, every state is scoped to this namespace (window and trigger state). */
    scope, tablePrefix = USER_STATE_PREFIX) {
        this.backend = backend;
        this.now = now;
        this.scope = scope;
        this.tablePrefix = tablePrefix;
    }
    getState(d) {
        return this.create(d, (cell, ttl) => new HeapValueState(cell, ttl, d.defaultValue));
    }
    getListState(d) {
        return this.create(d, (cell, ttl) => new HeapListState(cell, ttl));
    }
    getMapState(d) {
        return this.create(d, (cell, ttl) => new HeapMapState(cell, ttl));
    }
    getReducingState(d) {
        return this.create(d, (cell, ttl) => new HeapReducingState(cell, ttl, d.reduceFunction));
    }
    getAggregatingState(d) {
        return this.create(d, (cell, ttl) => new HeapAggregatingState(cell, ttl, d.aggregateFunction));
    }
    /** Any descriptor, dispatched on its kind (used where the kind is only known at run time). */
    getAny(d) {
        if (d instanceof ValueStateDescriptor)
            return this.getState(d);
        if (d instanceof ListStateDescriptor)
            return this.getListState(d);
        if (d instanceof MapStateDescriptor)
            return this.getMapState(d);
        if (d instanceof ReducingStateDescriptor)
            return this.getReducingState(d);
        if (d instanceof AggregatingStateDescriptor)
            return this.getAggregatingState(d);
        throw new TypeError("unknown state descriptor");
    }
    /** The backend table name of a descriptor's state. */
    tableName(name) {
        return this.tablePrefix + name;
    }
    create(d, make) {
        const backend = this.backend;
        if (!backend) {
            throw new Error(`keyed state "${d.name}" is only available on a keyed stream (after keyBy())`);
        }
        const existing = this.created.get(d.name);
        if (existing) {
            if (existing.kind !== d.kind)
                throw new Error(`state "${d.name}" was created as ${existing.kind} state, not ${d.kind} state`);
            return existing.state;
        }
        const table = backend.table(this.tableName(d.name));
        const cell = this.scope ? new NamespacedCell(backend, table, this.scope) : new FlatCell(backend, table);
        const state = make(cell, d.ttl ? new TtlPolicy(d.ttl, this.now) : undefined);
        this.created.set(d.name, { kind: d.kind, state });
        return state;
    }
}
//# sourceMappingURL=keyed-state-registry.js.map