/** Schema pieces shared by several routes: identifiers, states, error bodies, metric blocks. */
import type { JsonSchema } from "../schema/json-schema.js";
export declare const JOB_STATUSES: readonly ["INITIALIZING", "CREATED", "RUNNING", "FAILING", "FAILED", "CANCELLING", "CANCELED", "FINISHED", "RESTARTING", "SUSPENDED"];
export declare const EXECUTION_STATES: readonly ["CREATED", "SCHEDULED", "DEPLOYING", "INITIALIZING", "RUNNING", "FINISHED", "CANCELING", "CANCELED", "FAILED"];
/** Job ids are 32 lowercase hex digits, like Flink's JobID; vertex ids share the format. */
export declare const HEX32 = "^[0-9a-f]{32}$";
export declare const jobIdParam: JsonSchema;
export declare const vertexIdParam: JsonSchema;
export declare const triggerIdParam: JsonSchema;
export declare const errorBody: JsonSchema;
export declare const jobStatus: JsonSchema;
export declare const executionState: JsonSchema;
/** A timestamp in ms since the epoch, or -1 when the event has not happened (Flink's convention). */
export declare const timestamp: JsonSchema;
export declare const count: JsonSchema;
/** A map of every execution state to a count (Flink's vertex `tasks` and job `status-counts`). */
export declare const executionStateCounts: JsonSchema;
/**
 * Flink's IOMetricsInfo: what a vertex or subtask read and wrote. Instead of Flink's accumulated-*
 * totals, Sluice reports its time accounting as the rates Flink's metrics use (ms per second over
 * the last second); for a vertex these are the highest over its subtasks, as the dashboard colours by.
 */
export declare const ioMetrics: JsonSchema;
/** Flink's TriggerResponse of asynchronous operations. */
export declare const triggerResponse: JsonSchema;
export declare const stringMap: JsonSchema;
export declare function object(properties: Record<string, JsonSchema>, required?: string[], extra?: Partial<JsonSchema>): JsonSchema;
export declare function arrayOf(items: JsonSchema, extra?: Partial<JsonSchema>): JsonSchema;
export declare function nullable(schema: JsonSchema): JsonSchema;
