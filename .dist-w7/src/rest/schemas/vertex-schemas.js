import { arrayOf, count, executionState, ioMetrics, object, timestamp } from "./common.js";
export const subtaskDetails = object({
    subtask: count,
    status: executionState,
    attempt: count,
    host: { type: "string", description: "host of the TaskManager, or (unassigned)" },
    "taskmanager-id": { type: "string" },
    "start-time": timestamp,
    "end-time": timestamp,
    duration: { type: "integer", minimum: -1 },
    metrics: ioMetrics,
});
export const vertexDetails = object({
    id: { type: "string" },
    name: { type: "string" },
    parallelism: count,
    maxParallelism: count,
    now: count,
    subtasks: arrayOf(subtaskDetails),
});
const level = { type: "string", enum: ["ok", "low", "high"], description: "ok: ratio <= 0.10, low: <= 0.5, high: above" };
export const vertexBackPressure = object({
    status: { type: "string", enum: ["ok", "deprecated"], description: "deprecated: no subtask has reported metrics yet (Flink's value)" },
    "backpressure-level": level,
    "end-timestamp": count,
    subtasks: arrayOf(object({
        subtask: count,
        "attempt-number": count,
        "backpressure-level": level,
        ratio: { type: "number", minimum: 0, maximum: 1, description: "backPressuredTimeMsPerSecond / 1000" },
        idleRatio: { type: "number", minimum: 0, maximum: 1 },
        busyRatio: { type: "number", minimum: 0, maximum: 1 },
    })),
}, ["status"]);
export const vertexWatermarks = arrayOf(object({
    id: { type: "string", description: "<subtask>.currentInputWatermark" },
    value: { type: "string", description: "ms since the epoch; -9223372036854775808 when there is no watermark yet (Flink's Long.MIN_VALUE)" },
}));
//# sourceMappingURL=vertex-schemas.js.map