import { richFunction } from "../../../api/functions.js";
import { HeapAggregatingState, HeapListState, HeapReducingState } from "../../state/heap-states.js";
import { NamespacedCell } from "../../state/state-cell.js";
import { NO_TIMESTAMP } from "../../network/record-batch-codec.js";
const TABLE = "_window-contents";
export function createWindowContents(spec, backend, scope, evictor, evictorContext) {
    const cell = new NamespacedCell(backend, backend.table(TABLE), scope);
    if (evictor)
        return new EvictingContents(new HeapListState(cell, undefined), spec, evictor, evictorContext);
    switch (spec.kind) {
        case "reduce": {
            const s = new HeapReducingState(cell, undefined, spec.reduce);
            return single(s, (v, ts) => s.add(v), () => s.get());
        }
        case "aggregate": {
            const s = new HeapAggregatingState(cell, undefined, spec.aggregate);
            return single(s, (v) => s.add(v), () => s.get());
        }
        case "list": {
            const s = new HeapListState(cell, undefined);
            return {
                add: (v) => s.add(v),
                fire: (_w, emit) => {
                    const all = s.getArray();
                    if (all.length > 0)
                        emit(all);
                },
                clear: () => s.clear(),
                merge: (t, sources) => s.mergeNamespaces(t, sources),
            };
        }
    }
}
function single(state, add, get) {
    return {
        add,
        fire: (_w, emit) => {
            const v = get();
            if (v !== undefined)
                emit([v]);
        },
        clear: () => state.clear(),
        merge: (t, sources) => state.mergeNamespaces(t, sources),
    };
}
/** All elements with timestamps; the evictor trims them around each firing (Flink's EvictingWindowOperator). */
class EvictingContents {
    list;
    spec;
    evictor;
    ctx;
    reduce;
    constructor(list, spec, evictor, ctx) {
        this.list = list;
        this.spec = spec;
        this.evictor = evictor;
        this.ctx = ctx;
        if (spec.kind === "reduce")
            this.reduce = richFunction(spec.reduce, "reduce").call;
    }
    add(value, timestamp) {
        this.list.add({ value, timestamp: timestamp === NO_TIMESTAMP ? undefined : timestamp });
    }
    fire(window, emit) {
        const stored = this.list.getArray();
        if (stored.length === 0)
            return;
        const elements = [...stored];
        this.evictor.evictBefore(elements, elements.length, window, this.ctx);
        const values = elements.map((e) => e.value);
        if (values.length > 0)
            emit(this.project(values));
        this.evictor.evictAfter(elements, elements.length, window, this.ctx);
        this.list.update(elements);
    }
    /** Reduce/aggregate over the surviving elements, or the elements themselves. */
    project(values) {
        const spec = this.spec;
        if (spec.kind === "reduce")
            return [values.reduce((a, b) => this.reduce(a, b))];
        if (spec.kind === "aggregate") {
            let acc = spec.aggregate.createAccumulator();
            for (const v of values)
                acc = spec.aggregate.add(v, acc);
            return [spec.aggregate.getResult(acc)];
        }
        return values;
    }
    clear() {
        this.list.clear();
    }
    merge(target, sources) {
        this.list.mergeNamespaces(target, sources);
    }
}
//# sourceMappingURL=window-contents.js.map