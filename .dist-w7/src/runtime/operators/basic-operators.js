/** The stateless one-input operators: map, flatMap, filter, process. */
import { richFunction } from "../../api/functions.js";
import { NO_TIMESTAMP } from "../network/record-batch-codec.js";
import { StreamOperator } from "./stream-operator.js";
/** Base for operators around one user function with open/close. */
class UserFunctionOperator extends StreamOperator {
    fn;
    openFn;
    closeFn;
    constructor(ctx, method) {
        super(ctx);
        const f = richFunction(ctx.fns.fn, method);
        this.fn = f.call;
        this.openFn = f.open;
        this.closeFn = f.close;
    }
    async open() {
        await this.openFn?.(this.ctx.runtimeContext);
    }
    async close() {
        await this.closeFn?.();
    }
}
export class MapOperator extends UserFunctionOperator {
    constructor(ctx) {
        super(ctx, "map");
    }
    processElement(value, timestamp) {
        this.output.collect(this.fn(value), timestamp);
    }
}
export class FilterOperator extends UserFunctionOperator {
    constructor(ctx) {
        super(ctx, "filter");
    }
    processElement(value, timestamp) {
        if (this.fn(value))
            this.output.collect(value, timestamp);
    }
}
/** A collector whose timestamp is that of the record being processed. */
class TimestampedCollector {
    op;
    timestamp = NO_TIMESTAMP;
    constructor(op) {
        this.op = op;
    }
    collect(value) {
        this.op.output.collect(value, this.timestamp);
    }
}
export class FlatMapOperator extends UserFunctionOperator {
    out = new TimestampedCollector(this);
    constructor(ctx) {
        super(ctx, "flatMap");
    }
    processElement(value, timestamp) {
        this.out.timestamp = timestamp;
        const results = this.fn(value, this.out);
        if (results !== undefined)
            for (const r of results)
                this.output.collect(r, timestamp);
    }
}
export class ProcessOperator extends UserFunctionOperator {
    out = new TimestampedCollector(this);
    context;
    constructor(ctx) {
        super(ctx, "processElement");
        const out = this.out;
        const pts = ctx.processingTime;
        this.context = {
            timestamp: () => (out.timestamp === NO_TIMESTAMP ? undefined : out.timestamp),
            currentProcessingTime: () => pts.now(),
            output: (tag, value) => this.output.collectSide(tag.id, value, out.timestamp),
        };
    }
    processElement(value, timestamp) {
        this.out.timestamp = timestamp;
        this.fn(value, this.context, this.out);
    }
}
//# sourceMappingURL=basic-operators.js.map