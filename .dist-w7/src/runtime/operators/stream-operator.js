export class StreamOperator {
    ctx;
    output;
    /** Combined watermark of all inputs: the operator's event-time clock. */
    currentWatermark = Number.NEGATIVE_INFINITY;
    inputWatermarks;
    constructor(ctx) {
        this.ctx = ctx;
        this.inputWatermarks = new Array(Math.max(1, ctx.descriptor.inputs)).fill(Number.NEGATIVE_INFINITY);
    }
    setOutput(output) {
        this.output = output;
    }
    open() { }
    processWatermark(watermark, input) {
        const wms = this.inputWatermarks;
        if (watermark <= wms[input])
            return;
        wms[input] = watermark;
        let min = wms[0];
        for (let i = 1; i < wms.length; i++)
            if (wms[i] < min)
                min = wms[i];
        if (min > this.currentWatermark) {
            this.currentWatermark = min;
            this.onWatermark(min);
            this.output.emitWatermark(min);
        }
    }
    /** Hook for event-time logic (timers, windows) before the watermark is forwarded. */
    onWatermark(_watermark) { }
    processStreamStatus(idle) {
        this.output.emitStreamStatus(idle);
    }
    /**
     * True while the operator holds input it cannot start on yet (async I/O at capacity): the task
     * stops reading input until whenNotBackpressured() resolves, which backpressures upstream.
     */
    get isBackpressured() {
        return false;
    }
    whenNotBackpressured() {
        return Promise.resolve();
    }
    /**
     * State was restored (or not) into this operator's backends: rebuild in-memory structures that
     * derive from state, such as timer queues. Called before open().
     */
    initializeState(_restored) { }
    /**
     * A checkpoint barrier reached this operator: put everything not yet in the state backends into
     * them now (synchronously). Work that may finish later (a sink's pre-commit) is returned as a
     * promise; the checkpoint is acknowledged only after it settles.
     */
    snapshotState(_checkpointId, _options) { }
    /** The checkpoint is complete everywhere: the commit point (two-phase-commit sinks commit here). */
    notifyCheckpointComplete(_checkpointId) { }
    notifyCheckpointAborted(_checkpointId) { }
    /** All records of one input have arrived. */
    endInput(_input) { }
    /** All inputs have ended: emit what is buffered. */
    finish() { }
    close() { }
}
//# sourceMappingURL=stream-operator.js.map