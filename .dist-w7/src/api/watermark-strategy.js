export class WatermarkStrategy {
    createWatermarkGenerator;
    timestampAssigner;
    idleTimeoutMs;
    isNoOp;
    constructor(createWatermarkGenerator, timestampAssigner, idleTimeoutMs, 
    /** True only for noWatermarks() without an assigner: the runtime then skips per-record work. */
    isNoOp = false) {
        this.createWatermarkGenerator = createWatermarkGenerator;
        this.timestampAssigner = timestampAssigner;
        this.idleTimeoutMs = idleTimeoutMs;
        this.isNoOp = isNoOp;
    }
    /** No watermarks at all: event-time operators never fire before end of input. */
    static noWatermarks() {
        return new WatermarkStrategy(() => ({ onEvent() { }, onPeriodicEmit() { } }), undefined, undefined, true);
    }
    /** Timestamps never decrease: the watermark trails the highest timestamp by 1 ms. */
    static forMonotonousTimestamps() {
        return WatermarkStrategy.forBoundedOutOfOrderness(0);
    }
    /** Events arrive at most `maxOutOfOrdernessMs` late: watermark = max timestamp − bound − 1. */
    static forBoundedOutOfOrderness(maxOutOfOrdernessMs) {
        return new WatermarkStrategy(() => {
            let maxTimestamp = Number.NEGATIVE_INFINITY;
            return {
                onEvent(_event, ts) {
                    if (ts > maxTimestamp)
                        maxTimestamp = ts;
                },
                onPeriodicEmit(output) {
                    if (maxTimestamp !== Number.NEGATIVE_INFINITY)
                        output.emitWatermark(maxTimestamp - maxOutOfOrdernessMs - 1);
                },
            };
        });
    }
    /** A custom generator. */
    static forGenerator(create) {
        return new WatermarkStrategy(create);
    }
    withTimestampAssigner(assigner) {
        return new WatermarkStrategy(this.createWatermarkGenerator, assigner, this.idleTimeoutMs);
    }
    /** A source split (or input) without records for this long is marked idle. */
    withIdleness(timeoutMs) {
        return new WatermarkStrategy(this.createWatermarkGenerator, this.timestampAssigner, timeoutMs);
    }
}
//# sourceMappingURL=watermark-strategy.js.map