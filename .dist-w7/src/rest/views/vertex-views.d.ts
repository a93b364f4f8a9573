/** A vertex of a job in Flink's JSON: its subtasks, their backpressure and their watermarks. */
import type { JobDetails, TaskManagerInfo, VertexInfo } from "../../cluster/messages.js";
/** Flink's "no watermark" value (Long.MIN_VALUE), which its dashboard shows as "No Watermark". */
export declare const NO_WATERMARK = "-9223372036854775808";
export declare function vertexDetailsJson(d: JobDetails, v: VertexInfo, taskManagers: TaskManagerInfo[]): Record<string, unknown>;
export type BackPressureLevel = "ok" | "low" | "high";
/** Flink's thresholds (BackPressureStatsTrackerImpl / JobVertexBackPressureHandler). */
export declare function backPressureLevel(ratio: number): BackPressureLevel;
export declare function backPressureJson(v: VertexInfo, now: number): Record<string, unknown>;
export declare function watermarksJson(v: VertexInfo): {
    id: string;
    value: string;
}[];
