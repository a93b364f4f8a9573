import { NO_TIMESTAMP } from "../network/record-batch-codec.js";
import { StreamOperator } from "./stream-operator.js";
export const DEFAULT_AUTO_WATERMARK_INTERVAL_MS = 200;
/** Runs a WatermarkStrategy against an Output: timestamps per record, watermarks periodically, idleness. */
export class WatermarkEmitter {
    output;
    time;
    intervalMs;
    generator;
    assigner;
    lastEmitted = Number.NEGATIVE_INFINITY;
    idle = false;
    lastRecordAt;
    /** Reading the clock per record is costly; only idleness detection needs it. */
    tracksIdleness;
    cancelTimer;
    wmOutput;
    constructor(strategy, output, time, intervalMs) {
        this.output = output;
        this.time = time;
        this.intervalMs = intervalMs;
        this.generator = strategy.createWatermarkGenerator();
        this.assigner = strategy.timestampAssigner;
        this.lastRecordAt = time.now();
        const idleTimeout = strategy.idleTimeoutMs;
        this.tracksIdleness = idleTimeout !== undefined;
        this.wmOutput = {
            emitWatermark: (ts) => {
                this.markActive();
                if (ts > this.lastEmitted) {
                    this.lastEmitted = ts;
                    this.output().emitWatermark(ts);
                }
            },
            markIdle: () => {
                if (!this.idle) {
                    this.idle = true;
                    this.output().emitStreamStatus(true);
                }
            },
            markActive: () => this.markActive(),
        };
        if (intervalMs > 0) {
            this.cancelTimer = time.scheduleAtFixedRate(intervalMs, () => {
                if (idleTimeout !== undefined && this.time.now() - this.lastRecordAt >= idleTimeout)
                    this.wmOutput.markIdle();
                else
                    this.generator.onPeriodicEmit(this.wmOutput);
            });
        }
    }
    markActive() {
        if (this.idle) {
            this.idle = false;
            this.output().emitStreamStatus(false);
        }
    }
    /** Returns the record's event timestamp (assigned or carried) and feeds the generator. */
    onRecord(value, timestamp) {
        if (this.tracksIdleness)
            this.lastRecordAt = this.time.now();
        const ts = this.assigner ? this.assigner(value, timestamp === NO_TIMESTAMP ? undefined : timestamp) : timestamp;
        if (this.idle)
            this.markActive();
        if (ts !== NO_TIMESTAMP)
            this.generator.onEvent(value, ts, this.wmOutput);
        return ts;
    }
    /** End of input: one last periodic emit, then stop. */
    close() {
        this.cancelTimer?.();
        this.cancelTimer = undefined;
    }
}
export class TimestampsAndWatermarksOperator extends StreamOperator {
    emitter;
    open() {
        const interval = Number(this.ctx.settings.autoWatermarkInterval ?? DEFAULT_AUTO_WATERMARK_INTERVAL_MS);
        this.emitter = new WatermarkEmitter(this.ctx.fns.watermarks, () => this.output, this.ctx.processingTime, interval);
    }
    processElement(value, timestamp) {
        this.output.collect(value, this.emitter.onRecord(value, timestamp));
    }
    /** Upstream watermarks are dropped: this operator generates the stream's watermarks from here on (as in Flink). */
    processWatermark(watermark) {
        // Only the final watermark at end of input passes, so event time completes for bounded jobs.
        if (watermark === Number.POSITIVE_INFINITY)
            this.output.emitWatermark(watermark);
    }
    close() {
        this.emitter?.close();
    }
}
//# sourceMappingURL=timestamps-watermarks-operator.js.map