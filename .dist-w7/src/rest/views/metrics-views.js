import { EXECUTION_STATES } from "../schemas/common.js";
/** Metrics of a set of subtasks; "-complete" says whether every subtask has reported. */
export function ioMetrics(metrics) {
    const reported = metrics.filter((m) => m !== undefined);
    const complete = reported.length === metrics.length;
    const sum = (f) => reported.reduce((n, m) => n + f(m), 0);
    const max = (f) => reported.reduce((n, m) => Math.max(n, f(m)), 0);
    return {
        "read-bytes": sum((m) => m.numBytesIn),
        "read-bytes-complete": complete,
        "write-bytes": sum((m) => m.numBytesOut),
        "write-bytes-complete": complete,
        "read-records": sum((m) => m.numRecordsIn),
        "read-records-complete": complete,
        "write-records": sum((m) => m.numRecordsOut),
        "write-records-complete": complete,
        busyTimeMsPerSecond: max((m) => m.busyTimeMsPerSecond),
        backPressuredTimeMsPerSecond: max((m) => m.backPressuredTimeMsPerSecond),
        idleTimeMsPerSecond: reported.length ? Math.min(...reported.map((m) => m.idleTimeMsPerSecond)) : 0,
    };
}
/** Every execution state with its count, zero included (Flink always lists all of them). */
export function allStateCounts(counts) {
    return Object.fromEntries(EXECUTION_STATES.map((s) => [s, counts[s] ?? 0]));
}
export function durationOf(start, end, now) {
    if (start < 0)
        return -1;
    return (end >= 0 ? end : now) - start;
}
//# sourceMappingURL=metrics-views.js.map