export class TimeAccounting {
    activity = "idle";
    since = performance.now();
    windowStart = this.since;
    current = { busy: 0, backpressured: 0, idle: 0 };
    last = { busy: 0, backpressured: 0, idle: 1000 };
    switchTo(activity) {
        if (activity === this.activity)
            return;
        this.account(performance.now());
        this.activity = activity;
    }
    account(now) {
        // Close finished one-second windows, splitting the current stretch at window boundaries.
        while (now - this.windowStart >= 1000) {
            const end = this.windowStart + 1000;
            this.current[this.activity] += end - this.since;
            this.last = this.current;
            this.current = { busy: 0, backpressured: 0, idle: 0 };
            this.windowStart = end;
            this.since = end;
        }
        this.current[this.activity] += now - this.since;
        this.since = now;
    }
    perSecond() {
        this.account(performance.now());
        const r = (x) => Math.round(x);
        return { busy: r(this.last.busy), backpressured: r(this.last.backpressured), idle: r(this.last.idle) };
    }
}
//# sourceMappingURL=time-accounting.js.map