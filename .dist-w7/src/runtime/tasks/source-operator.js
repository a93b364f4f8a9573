import { NO_TIMESTAMP } from "../network/record-batch-codec.js";
import { StreamOperator } from "../operators/stream-operator.js";
import { ListStateDescriptor } from "../../api/state/state-descriptors.js";
const SPLITS_STATE = "$source-splits";
import { DEFAULT_AUTO_WATERMARK_INTERVAL_MS, WatermarkEmitter } from "../operators/timestamps-watermarks-operator.js";
export class SourceOperator extends StreamOperator {
    reader;
    emitter;
    /** Records emitted by the reader (the task's numRecordsIn). */
    emitted = 0;
    open() {
        const source = this.ctx.fns.source;
        const rc = this.ctx.runtimeContext;
        this.reader = source.createReader({ subtaskIndex: rc.subtaskIndex, parallelism: rc.parallelism });
        if (this.ctx.isRestored) {
            if (!this.reader.restoreState)
                throw new Error(`source "${this.ctx.descriptor.name}" cannot resume from a checkpoint`);
            this.reader.restoreState(this.splitState().get());
        }
        const strategy = this.ctx.fns.watermarks;
        const interval = Number(this.ctx.settings.autoWatermarkInterval ?? DEFAULT_AUTO_WATERMARK_INTERVAL_MS);
        if (strategy && !strategy.isNoOp)
            this.emitter = new WatermarkEmitter(strategy, () => this.output, this.ctx.processingTime, interval);
    }
    /** The reader's remaining splits live in operator list state, so a rescale deals them out again. */
    splitState() {
        const store = this.ctx.operatorState;
        if (!store)
            throw new Error("source without operator state");
        const list = store.getListState(new ListStateDescriptor(SPLITS_STATE));
        return { get: () => [...(list.get() ?? [])], update: (v) => list.update(v) };
    }
    snapshotState() {
        this.splitState().update(this.reader.snapshotState());
    }
    collect(value, timestamp) {
        this.emitted++;
        const ts = timestamp ?? NO_TIMESTAMP;
        this.output.collect(value, this.emitter ? this.emitter.onRecord(value, ts) : ts);
    }
    processElement() {
        throw new Error("a source has no input");
    }
    /** End of input: event time is complete. */
    emitFinalWatermark() {
        this.emitter?.close();
        this.processWatermark(Number.POSITIVE_INFINITY, 0);
    }
    async close() {
        this.emitter?.close();
        await this.reader?.close?.();
    }
}
//# sourceMappingURL=source-operator.js.map