export class AsyncQueue {
    ordered;
    out;
    entries = [];
    /** Elements in the queue (watermarks don't count towards capacity). */
    elements = 0;
    listeners = [];
    constructor(ordered, out) {
        this.ordered = ordered;
        this.out = out;
    }
    get size() {
        return this.entries.length;
    }
    addElement(value, timestamp) {
        const e = { kind: "element", value, timestamp, done: false, results: undefined };
        this.entries.push(e);
        this.elements++;
        return e;
    }
    addWatermark(watermark) {
        if (this.entries.length === 0)
            this.out.emitWatermark(watermark);
        else
            this.entries.push({ kind: "watermark", watermark });
    }
    complete(entry, results) {
        entry.done = true;
        entry.results = results;
        if (this.ordered)
            this.drainHead();
        else if (!this.entries.slice(0, this.entries.indexOf(entry)).some((e) => e.kind === "watermark")) {
            // No watermark ahead: leave now.
            this.entries.splice(this.entries.indexOf(entry), 1);
            this.emitElement(entry);
            this.drainHead();
        }
        this.changed();
    }
    /** Emits from the head while possible; in unordered mode, a segment's completed elements leave after its watermark. */
    drainHead() {
        const entries = this.entries;
        let i = 0;
        while (i < entries.length) {
            const head = entries[i];
            if (head.kind === "watermark") {
                if (i > 0)
                    break; // elements before it are still in flight
                entries.shift();
                this.out.emitWatermark(head.watermark);
                if (!this.ordered)
                    this.releaseCompletedOfSegment();
                continue;
            }
            if (!head.done) {
                if (this.ordered)
                    break;
                i++; // unordered: an unfinished element does not hold back its segment's completed ones
                continue;
            }
            entries.splice(i, 1);
            this.emitElement(head);
        }
    }
    /** Unordered: after a watermark left, completed elements up to the next watermark may leave. */
    releaseCompletedOfSegment() {
        const entries = this.entries;
        for (let i = 0; i < entries.length;) {
            const e = entries[i];
            if (e.kind === "watermark")
                break;
            if (e.done) {
                entries.splice(i, 1);
                this.emitElement(e);
            }
            else
                i++;
        }
    }
    emitElement(e) {
        this.elements--;
        for (const r of e.results)
            this.out.emit(r, e.timestamp);
    }
    /** The inputs of every element not yet emitted, in arrival order. */
    inputs() {
        return this.entries.flatMap((e) => (e.kind === "element" ? [{ value: e.value, timestamp: e.timestamp }] : []));
    }
    /** Resolves at the next change (completion), for waiting until the queue is empty. */
    whenChanged() {
        return new Promise((resolve) => this.listeners.push(resolve));
    }
    notifyChanged() {
        this.changed();
    }
    changed() {
        const l = this.listeners;
        this.listeners = [];
        for (const resolve of l)
            resolve();
    }
}
//# sourceMappingURL=async-queue.js.map