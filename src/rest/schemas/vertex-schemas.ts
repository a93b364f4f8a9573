/** Response schemas of /jobs/:jobid/vertices/:vertexid and its backpressure and watermarks. */
import type { JsonSchema } from "../schema/json-schema.js";
import { arrayOf, count, executionState, executionStateCounts, ioMetrics, named, object, timestamp } from "./common.js";

const DURATION_STATES = ["CREATED", "SCHEDULED", "DEPLOYING", "INITIALIZING", "RUNNING"];

const statusDuration: JsonSchema = named("StatusDurations", {
  ...object(Object.fromEntries(DURATION_STATES.map((s) => [s, count]))),
  description: "ms the current attempt spent in each state (0 for states it has not been in)",
});

const endpoint: JsonSchema = { type: "string", description: "host:data-port of the TaskManager, or (unassigned)" };

/** Flink's SubtaskExecutionAttemptDetailsInfo. */
export const subtaskDetails: JsonSchema = named("SubtaskExecutionAttemptDetailsInfo", object({
  subtask: count,
  status: executionState,
  attempt: count,
  endpoint,
  host: { type: "string", description: "Sluice: host of the TaskManager, or (unassigned)" },
  "taskmanager-id": { type: "string" },
  "start-time": timestamp,
  start_time: { ...timestamp, description: "the same as start-time (Flink writes both)" },
  "end-time": timestamp,
  duration: { type: "integer", minimum: -1 },
  metrics: ioMetrics,
  "status-duration": statusDuration,
  "other-concurrent-attempts": { ...arrayOf({ type: "object" }, { maxItems: 0 }), description: "always empty: Sluice runs no speculative attempts" },
}));

const stats: JsonSchema = named("MetricStatistics", object({ min: { type: "number" }, max: { type: "number" }, avg: { type: "number" }, sum: { type: "number" }, median: { type: "number" }, p25: { type: "number" }, p75: { type: "number" }, p95: { type: "number" } }));

/** Flink's AggregatedTaskDetailsInfo: statistics over the subtasks. */
export const aggregatedTaskDetails: JsonSchema = object({
  metrics: { type: "object", additionalProperties: stats, description: "read/write bytes and records, accumulated-* times" },
  "status-duration": { type: "object", additionalProperties: stats },
});

export const vertexDetails: JsonSchema = object({
  id: { type: "string" },
  name: { type: "string" },
  parallelism: count,
  maxParallelism: count,
  now: count,
  subtasks: arrayOf(subtaskDetails),
  aggregated: aggregatedTaskDetails,
});

export const subtaskTimes: JsonSchema = object({
  id: { type: "string" },
  name: { type: "string" },
  now: count,
  subtasks: arrayOf(
    object({
      subtask: count,
      endpoint,
      duration: { type: "integer", minimum: -1 },
      timestamps: { type: "object", additionalProperties: count, description: "when the subtask entered each state; 0 when it has not" },
    }),
  ),
});

export const vertexTaskManagers: JsonSchema = object({
  id: { type: "string" },
  name: { type: "string" },
  now: count,
  taskmanagers: arrayOf(
    object({
      endpoint,
      "taskmanager-id": { type: "string" },
      status: executionState,
      "start-time": timestamp,
      "end-time": timestamp,
      duration: { type: "integer", minimum: -1 },
      metrics: ioMetrics,
      "status-counts": executionStateCounts,
      aggregated: aggregatedTaskDetails,
    }),
  ),
});

/** Flink's UserAccumulator: name, the value's Java type name and its string form. */
export const userAccumulator: JsonSchema = named("UserAccumulator", object({
  name: { type: "string" },
  type: { type: "string", description: "the value's type as Flink names it: Integer, Long, Double, TreeMap, ArrayList" },
  value: { type: "string", description: "the value as Flink's toString writes it" },
}));

export const vertexAccumulators: JsonSchema = object({ id: { type: "string" }, "user-accumulators": arrayOf(userAccumulator) });

export const subtasksAccumulators: JsonSchema = object({
  id: { type: "string" },
  parallelism: count,
  subtasks: arrayOf(object({ subtask: count, attempt: count, endpoint, "user-accumulators": arrayOf(userAccumulator) })),
});

export const attemptAccumulators: JsonSchema = object({
  subtask: count,
  attempt: count,
  id: { type: "string", description: "the execution attempt id" },
  "user-accumulators": arrayOf(userAccumulator),
});

const level: JsonSchema = { type: "string", enum: ["ok", "low", "high"], description: "ok: ratio <= 0.10, low: <= 0.5, high: above" };

export const vertexBackPressure: JsonSchema = object(
  {
    status: { type: "string", enum: ["ok", "deprecated"], description: "deprecated: no subtask has reported metrics yet (Flink's value)" },
    "backpressure-level": level,
    backpressureLevel: { ...level, description: "the same as backpressure-level (Flink 2's spelling)" },
    "end-timestamp": count,
    subtasks: arrayOf(
      object({
        subtask: count,
        "attempt-number": count,
        "backpressure-level": level,
        backpressureLevel: level,
        ratio: { type: "number", minimum: 0, maximum: 1, description: "backPressuredTimeMsPerSecond / 1000" },
        idleRatio: { type: "number", minimum: 0, maximum: 1 },
        busyRatio: { type: "number", minimum: 0, maximum: 1 },
        "other-concurrent-attempts": arrayOf({ type: "object" }, { maxItems: 0 }),
      }),
    ),
  },
  ["status"],
);

export const vertexWatermarks: JsonSchema = arrayOf(
  object({
    id: { type: "string", description: "<subtask>.currentInputWatermark" },
    value: { type: "string", description: "ms since the epoch; -9223372036854775808 when there is no watermark yet (Flink's Long.MIN_VALUE)" },
  }),
);
