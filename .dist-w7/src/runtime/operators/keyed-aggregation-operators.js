/** Running per-key reduce and the built-in aggregations (sum/min/max/minBy/maxBy). */
import { richFunction } from "../../api/functions.js";
import { StreamOperator } from "./stream-operator.js";
/** Base of operators that keep one value per key. */
class KeyedValueOperator extends StreamOperator {
    backend;
    key;
    /** Holders, so that updating an existing key costs one Map lookup instead of two. */
    table;
    constructor(ctx) {
        super(ctx);
        if (!ctx.keyedState || !ctx.keySelectors[0])
            throw new Error(`${ctx.descriptor.name} must follow keyBy()`);
        this.backend = ctx.keyedState;
        this.key = ctx.keySelectors[0];
        this.table = this.backend.table("value");
    }
    processElement(value, timestamp) {
        const backend = this.backend;
        backend.setCurrentKey(this.key(value));
        const group = backend.currentGroup(this.table);
        const holder = group.get(backend.currentStateKey);
        let next;
        if (holder === undefined) {
            next = this.first(value);
            group.set(backend.currentStateKey, { value: next });
        }
        else {
            next = holder.value = this.combine(holder.value, value);
        }
        this.output.collect(next, timestamp);
    }
    first(value) {
        return value;
    }
}
export class KeyedReduceOperator extends KeyedValueOperator {
    reduce;
    rich;
    constructor(ctx) {
        super(ctx);
        this.rich = richFunction(ctx.fns.fn, "reduce");
        this.reduce = this.rich.call;
    }
    async open() {
        await this.rich.open?.(this.ctx.runtimeContext);
    }
    async close() {
        await this.rich.close?.();
    }
    combine(accumulated, value) {
        return this.reduce(accumulated, value);
    }
}
function read(value, field) {
    const v = field === null ? value : value[field];
    if (typeof v !== "number")
        throw new TypeError(`aggregation field ${field ?? "(value)"} is not a number: ${String(v)}`);
    return v;
}
function withField(record, field, n) {
    if (field === null)
        return n;
    const copy = Array.isArray(record) ? [...record] : { ...record };
    copy[field] = n;
    return copy;
}
/**
 * Flink's semantics: sum/min/max update one field and keep the other fields of the first record;
 * minBy/maxBy keep the whole record holding the extreme value (the earlier one on ties).
 */
export class KeyedAggregationOperator extends KeyedValueOperator {
    kind;
    field;
    constructor(ctx) {
        super(ctx);
        this.kind = ctx.descriptor.config.aggregation;
        this.field = ctx.descriptor.config.field;
    }
    combine(acc, value) {
        const a = read(acc, this.field);
        const b = read(value, this.field);
        switch (this.kind) {
            case "sum":
                return withField(acc, this.field, a + b);
            case "min":
                return b < a ? withField(acc, this.field, b) : acc;
            case "max":
                return b > a ? withField(acc, this.field, b) : acc;
            case "minBy":
                return b < a ? value : acc;
            case "maxBy":
                return b > a ? value : acc;
        }
    }
}
//# sourceMappingURL=keyed-aggregation-operators.js.map