/** Task metrics in Flink's IOMetricsInfo shape, per subtask and summed/maxed per vertex. */
import type { TaskMetrics } from "../../cluster/messages.js";
import type { ExecutionState } from "../../cluster/messages.js";
export interface IoMetricsJson {
    "read-bytes": number;
    "read-bytes-complete": boolean;
    "write-bytes": number;
    "write-bytes-complete": boolean;
    "read-records": number;
    "read-records-complete": boolean;
    "write-records": number;
    "write-records-complete": boolean;
    busyTimeMsPerSecond: number;
    backPressuredTimeMsPerSecond: number;
    idleTimeMsPerSecond: number;
}
/** Metrics of a set of subtasks; "-complete" says whether every subtask has reported. */
export declare function ioMetrics(metrics: (TaskMetrics | undefined)[]): IoMetricsJson;
/** Every execution state with its count, zero included (Flink always lists all of them). */
export declare function allStateCounts(counts: Partial<Record<ExecutionState, number>>): Record<ExecutionState, number>;
export declare function durationOf(start: number, end: number, now: number): number;
