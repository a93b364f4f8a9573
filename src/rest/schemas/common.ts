/** Schema pieces shared by several routes: identifiers, states, error bodies, metric blocks. */
import type { JsonSchema } from "../schema/json-schema.js";

export const JOB_STATUSES = ["INITIALIZING", "CREATED", "RUNNING", "FAILING", "FAILED", "CANCELLING", "CANCELED", "FINISHED", "RESTARTING", "SUSPENDED"] as const;
export const EXECUTION_STATES = ["CREATED", "SCHEDULED", "DEPLOYING", "INITIALIZING", "RUNNING", "FINISHED", "CANCELING", "CANCELED", "FAILED"] as const;

/** Job ids are 32 lowercase hex digits, like Flink's JobID; vertex ids share the format. */
export const HEX32 = "^[0-9a-f]{32}$";

export const jobIdParam: JsonSchema = { type: "string", pattern: HEX32, description: "32-character hexadecimal job id" };
export const vertexIdParam: JsonSchema = { type: "string", pattern: HEX32, description: "32-character hexadecimal vertex id" };
export const triggerIdParam: JsonSchema = { type: "string", pattern: HEX32, description: "id of an asynchronous operation (savepoint, stop)" };

export const errorBody: JsonSchema = {
  type: "object",
  description: "Every error answer, as Flink's ErrorResponseBody",
  required: ["errors"],
  properties: { errors: { type: "array", items: { type: "string" } } },
  additionalProperties: false,
};

/**
 * A shape several answers share, under its own name: the OpenAPI document declares it once in
 * `components.schemas` and the generated types refer to it (src/rest/openapi.ts).
 */
export function named(title: string, schema: JsonSchema): JsonSchema {
  return { ...schema, title };
}

export const jobStatus: JsonSchema = { type: "string", enum: JOB_STATUSES };
export const executionState: JsonSchema = { type: "string", enum: EXECUTION_STATES };

/** A timestamp in ms since the epoch, or -1 when the event has not happened (Flink's convention). */
export const timestamp: JsonSchema = { type: "integer", minimum: -1 };
export const count: JsonSchema = { type: "integer", minimum: 0 };

/** A map of every execution state to a count (Flink's vertex `tasks` and job `status-counts`). */
export const executionStateCounts: JsonSchema = named("ExecutionStateCounts", {
  type: "object",
  required: [...EXECUTION_STATES],
  properties: Object.fromEntries(EXECUTION_STATES.map((s) => [s, count])),
  additionalProperties: false,
});

/**
 * Flink's IOMetricsInfo: what a vertex or subtask read and wrote, and its accumulated-* time totals.
 * Sluice adds its time accounting as the rates Flink's metrics use (ms per second over the last
 * second); for a vertex these are the highest over its subtasks, as the dashboard colours by.
 */
export const ioMetrics: JsonSchema = named("IOMetricsInfo", {
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
    "accumulated-backpressured-time",
    "accumulated-idle-time",
    "accumulated-busy-time",
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
    "accumulated-backpressured-time": { ...count, description: "ms backpressured since the task started (summed over subtasks)" },
    "accumulated-idle-time": { ...count, description: "ms idle since the task started (summed over subtasks)" },
    "accumulated-busy-time": { type: "number", minimum: 0, description: "ms busy since the task started (summed over subtasks)" },
  },
  additionalProperties: false,
});

/** Flink's TriggerResponse of asynchronous operations. */
export const triggerResponse: JsonSchema = {
  type: "object",
  required: ["request-id"],
  properties: { "request-id": { type: "string", pattern: HEX32 } },
  additionalProperties: false,
};

export const stringMap: JsonSchema = { type: "object", additionalProperties: { type: "string" } };

export function object(properties: Record<string, JsonSchema>, required: string[] = Object.keys(properties), extra: Partial<JsonSchema> = {}): JsonSchema {
  return { type: "object", required, properties, additionalProperties: false, ...extra };
}

export function arrayOf(items: JsonSchema, extra: Partial<JsonSchema> = {}): JsonSchema {
  return { type: "array", items, ...extra };
}

export function nullable(schema: JsonSchema): JsonSchema {
  // A named shape stays whole (and is declared once, openapi.ts): null is its alternative.
  if (schema.type === undefined || schema.title !== undefined) return { anyOf: [schema, { type: "null" }] };
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  const out: JsonSchema = { ...schema, type: [...types, "null"] };
  if (schema.enum) out.enum = [...schema.enum, null];
  return out;
}
