export class BarrierAligner {
    gate;
    mode;
    onAligned;
    pending;
    arrived = new Set();
    alignmentStart = 0;
    /** Highest checkpoint id this task has taken or given up. */
    lastId = 0;
    constructor(gate, mode, 
    /** Called once per checkpoint when all barriers are in; alignment time in ms. */
    onAligned) {
        this.gate = gate;
        this.mode = mode;
        this.onAligned = onAligned;
    }
    onBarrier(channel, barrier) {
        if (barrier.checkpointId <= this.lastId)
            return;
        if (!this.pending || barrier.checkpointId > this.pending.checkpointId) {
            // A newer barrier overtakes an unfinished alignment: that checkpoint was given up upstream.
            this.reset();
            this.pending = barrier;
            this.alignmentStart = performance.now();
        }
        this.arrived.add(channel);
        if (this.mode === "exactly-once")
            this.gate.block(channel);
        this.checkComplete();
    }
    /** An ended channel will send no barrier: it no longer holds the alignment back. */
    onChannelEnded() {
        if (this.pending)
            this.checkComplete();
    }
    checkComplete() {
        const barrier = this.pending;
        for (const c of this.gate.channels)
            if (!c.ended && !this.arrived.has(c))
                return;
        const alignmentMs = performance.now() - this.alignmentStart;
        this.lastId = barrier.checkpointId;
        this.reset();
        this.onAligned(barrier, alignmentMs);
    }
    reset() {
        this.pending = undefined;
        this.arrived.clear();
        this.gate.unblockAll();
    }
}
//# sourceMappingURL=barrier-aligner.js.map