import { NO_TIMESTAMP } from "../network/record-batch-codec.js";
import { StreamOperator } from "./stream-operator.js";
export class SinkOperator extends StreamOperator {
    writer;
    async open() {
        const sink = this.ctx.fns.sink;
        this.writer = await sink.createWriter(this.ctx.runtimeContext);
    }
    processElement(value, timestamp) {
        this.writer.write(value, timestamp === NO_TIMESTAMP ? undefined : timestamp);
    }
    async finish() {
        await this.writer.flush?.(true);
    }
    async close() {
        await this.writer?.close?.();
    }
}
const COLLECT_BATCH = 1024;
export class CollectSinkOperator extends StreamOperator {
    batch = [];
    processElement(value) {
        this.batch.push(value);
        if (this.batch.length >= COLLECT_BATCH)
            this.flush();
    }
    flush() {
        if (this.batch.length === 0)
            return;
        this.ctx.collect(this.batch);
        this.batch = [];
    }
    finish() {
        this.flush();
    }
    close() {
        this.flush();
    }
}
//# sourceMappingURL=sink-operators.js.map