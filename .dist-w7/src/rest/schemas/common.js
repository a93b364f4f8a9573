export const JOB_STATUSES = ["INITIALIZING", "CREATED", "RUNNING", "FAILING", "FAILED", "CANCELLING", "CANCELED", "FINISHED", "RESTARTING", "SUSPENDED"];
export const EXECUTION_STATES = ["CREATED", "SCHEDULED", "DEPLOYING", "INITIALIZING", "RUNNING", "FINISHED", "CANCELING", "CANCELED", "FAILED"];
/** Job ids are 32 lowercase hex digits, like Flink's JobID; vertex ids share the format. */
export const HEX32 = "^[0-9a-f]{32}$";
export const jobIdParam = { type: "string", pattern: HEX32, description: "32-character hexadecimal job id" };
export const vertexIdParam = { type: "string", pattern: HEX32, description: "32-character hexadecimal vertex id" };
export const triggerIdParam = { type: "string", pattern: HEX32, description: "id of an asynchronous operation (savepoint, stop)" };
export const errorBody = {
    type: "object",
    description: "Every error answer, as Flink's ErrorResponseBody",
    required: ["errors"],
    properties: { errors: { type: "array", items: { type: "string" } } },
    additionalProperties: false,
};
export const jobStatus = { type: "string", enum: JOB_STATUSES };
export const executionState = { type: "string", enum: EXECUTION_STATES };
/** A timestamp in ms since the epoch, or -1 when the event has not happened (Flink's convention). */
export const timestamp = { type: "integer", minimum: -1 };
export const count = { type: "integer", minimum: 0 };
/** A map of every execution state to a count (Flink's vertex `tasks` and job `status-counts`). */
export const executionStateCounts = {
    type: "object",
    required: [...EXECUTION_STATES],
    properties: Object.fromEntries(EXECUTION_STATES.map((s) => [s, count])),
    additionalProperties: false,
};
/**
 * Flink's IOMetricsInfo: what a vertex or subtask read and wrote. Instead of Flink's accumulated-*
 * totals, Sluice reports its time accounting as the rates Flink's metrics use (ms per second over
 * the last second); for a vertex these are the highest over its subtasks, as the dashboard colours by.
 */
export const ioMetrics = {
    type: "object",
    required: [
        "read-bytes",
        "read-bytes-complete",
        "write-bytes",
        "write-bytes-complete",
        "read-records",
        "read-records-complete",
        "write-records",
        "write-records-complete",
        "busyTimeMsPerSecond",
        "backPressuredTimeMsPerSecond",
        "idleTimeMsPerSecond",
    ],
    properties: {
        "read-bytes": count,
        "read-bytes-complete": { type: "boolean" },
        "write-bytes": count,
        "write-bytes-complete": { type: "boolean" },
        "read-records": count,
        "read-records-complete": { type: "boolean" },
        "write-records": count,
        "write-records-complete": { type: "boolean" },
        busyTimeMsPerSecond: { type: "number", minimum: 0 },
        backPressuredTimeMsPerSecond: { type: "number", minimum: 0 },
        idleTimeMsPerSecond: { type: "number", minimum: 0 },
    },
    additionalProperties: false,
};
/** Flink's TriggerResponse of asynchronous operations. */
export const triggerResponse = {
    type: "object",
    required: ["request-id"],
    properties: { "request-id": { type: "string", pattern: HEX32 } },
    additionalProperties: false,
};
export const stringMap = { type: "object", additionalProperties: { type: "string" } };
export function object(properties, required = Object.keys(properties), extra = {}) {
    return { type: "object", required, properties, additionalProperties: false, ...extra };
}
export function arrayOf(items, extra = {}) {
    return { type: "array", items, ...extra };
}
export function nullable(schema) {
    if (schema.type === undefined)
        return { anyOf: [schema, { type: "null" }] };
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    const out = { ...schema, type: [...types, "null"] };
    if (schema.enum)
        out.enum = [...schema.enum, null];
    return out;
}
//# sourceMappingURL=common.js.map