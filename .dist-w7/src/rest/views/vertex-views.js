import { durationOf, ioMetrics } from "./metrics-views.js";
const UNASSIGNED = "(unassigned)";
/** Flink's "no watermark" value (Long.MIN_VALUE), which its dashboard shows as "No Watermark". */
export const NO_WATERMARK = "-9223372036854775808";
export function vertexDetailsJson(d, v, taskManagers) {
    const hostOf = new Map(taskManagers.map((t) => [t.id, t.host]));
    return {
        id: v.id,
        name: v.name,
        parallelism: v.parallelism,
        maxParallelism: v.maxParallelism,
        now: d.now,
        subtasks: v.subtasks.map((s) => ({
            subtask: s.subtask,
            status: s.status,
            attempt: s.attempt,
            host: s.host ?? (s.taskManagerId ? hostOf.get(s.taskManagerId) : undefined) ?? UNASSIGNED,
            "taskmanager-id": s.taskManagerId ?? UNASSIGNED,
            "start-time": s.startTime,
            "end-time": s.endTime,
            duration: durationOf(s.startTime, s.endTime, d.now),
            metrics: ioMetrics([s.metrics]),
        })),
    };
}
/** Flink's thresholds (BackPressureStatsTrackerImpl / JobVertexBackPressureHandler). */
export function backPressureLevel(ratio) {
    if (ratio <= 0.1)
        return "ok";
    if (ratio <= 0.5)
        return "low";
    return "high";
}
const ratio = (msPerSecond) => Math.min(1, Math.max(0, msPerSecond / 1000));
export function backPressureJson(v, now) {
    const reported = v.subtasks.filter((s) => s.metrics !== undefined);
    if (reported.length === 0)
        return { status: "deprecated" };
    const subtasks = reported.map((s) => {
        const r = ratio(s.metrics.backPressuredTimeMsPerSecond);
        return {
            subtask: s.subtask,
            "attempt-number": s.attempt,
            "backpressure-level": backPressureLevel(r),
            ratio: r,
            idleRatio: ratio(s.metrics.idleTimeMsPerSecond),
            busyRatio: ratio(s.metrics.busyTimeMsPerSecond),
        };
    });
    const worst = Math.max(...subtasks.map((s) => s.ratio));
    return { status: "ok", "backpressure-level": backPressureLevel(worst), "end-timestamp": now, subtasks };
}
export function watermarksJson(v) {
    return v.subtasks.map((s) => {
        const w = s.metrics?.currentInputWatermark;
        return { id: `${s.subtask}.currentInputWatermark`, value: w === null || w === undefined || !Number.isFinite(w) ? NO_WATERMARK : String(Math.trunc(w)) };
    });
}
//# sourceMappingURL=vertex-views.js.map