const ORDER = { debug: 10, info: 20, warn: 30, error: 40 };
export class Logger {
    sink;
    component;
    minLevel;
    constructor(sink, component = "sluice", minLevel = "info") {
        this.sink = sink;
        this.component = component;
        this.minLevel = minLevel;
    }
    child(component) {
        return new Logger(this.sink, component, this.minLevel);
    }
    debug(message) {
        this.log("debug", message);
    }
    info(message) {
        this.log("info", message);
    }
    warn(message) {
        this.log("warn", message);
    }
    error(message) {
        this.log("error", message);
    }
    log(level, message) {
        if (ORDER[level] < ORDER[this.minLevel])
            return;
        this.sink({ time: Date.now(), level, component: this.component, message });
    }
}
export function formatLogRecord(r) {
    return `${new Date(r.time).toISOString()} ${r.level.toUpperCase().padEnd(5)} ${r.component}: ${r.message}`;
}
/** Keeps the last `capacity` records (served by the REST API's log endpoints). */
export class LogBuffer {
    capacity;
    records = [];
    constructor(capacity = 5000) {
        this.capacity = capacity;
    }
    sink = (r) => {
        this.records.push(r);
        if (this.records.length > this.capacity)
            this.records.shift();
    };
    lines() {
        return this.records.map(formatLogRecord);
    }
}
/** A logger that drops everything below warnings (the MiniCluster's default: keep job output clean). */
export function quietLogger() {
    return new Logger((r) => process.stderr.write(formatLogRecord(r) + "\n"), "sluice", "warn");
}
export function teeSinks(...sinks) {
    return (r) => {
        for (const s of sinks)
            s(r);
    };
}
//# sourceMappingURL=logger.js.map