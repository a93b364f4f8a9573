/**
 * The Dispatcher's job records turned into Flink's JSON: JobDetailsInfo (/jobs/:jobid), the job
 * overview (/jobs/overview), the plan, the exception history and the execution result.
 */
import type { ExceptionInfo, JobDetails, JobResult, JobStatus } from "../../cluster/messages.js";
export declare function jobDetailsJson(d: JobDetails): Record<string, unknown>;
export declare function planJson(d: Pick<JobDetails, "jid" | "name" | "jobGraph">): Record<string, unknown>;
export declare function jobOverviewJson(d: JobDetails): Record<string, unknown>;
export declare function exceptionsJson(history: ExceptionInfo[], max: number): Record<string, unknown>;
export declare function executionResultJson(state: JobStatus, result: JobResult | undefined): Record<string, unknown>;
