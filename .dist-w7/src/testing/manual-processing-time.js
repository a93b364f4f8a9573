/** A processing-time clock that moves only when a test says so; due timers fire in timestamp order. */
export class ManualProcessingTimeService {
    time;
    timers = [];
    seq = 0;
    constructor(start = 0) {
        this.time = start;
    }
    now() {
        return this.time;
    }
    setTimer(timestamp, callback) {
        const t = { at: timestamp, seq: this.seq++, fire: () => callback(timestamp) };
        this.timers.push(t);
        return () => {
            this.timers = this.timers.filter((x) => x !== t);
        };
    }
    scheduleAtFixedRate(intervalMs, callback) {
        let cancelled = false;
        let cancelCurrent = () => { };
        const schedule = (at) => {
            cancelCurrent = this.setTimer(at, () => {
                if (cancelled)
                    return;
                callback();
                schedule(at + intervalMs);
            });
        };
        schedule(this.time + intervalMs);
        return () => {
            cancelled = true;
            cancelCurrent();
        };
    }
    /** Moves the clock to `timestamp`, firing every timer due by then, earliest first. */
    advanceTo(timestamp) {
        for (;;) {
            const due = this.timers.filter((t) => t.at <= timestamp).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
            if (!due)
                break;
            this.timers = this.timers.filter((t) => t !== due);
            this.time = Math.max(this.time, due.at);
            due.fire();
        }
        this.time = Math.max(this.time, timestamp);
    }
}
//# sourceMappingURL=manual-processing-time.js.map