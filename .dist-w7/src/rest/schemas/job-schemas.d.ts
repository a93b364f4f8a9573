/** Response schemas of the job endpoints, with Flink's field names (JobDetailsInfo, JobsOverview, …). */
import type { JsonSchema } from "../schema/json-schema.js";
export declare const jobIdsList: JsonSchema;
export declare const jobOverview: JsonSchema;
export declare const multipleJobsDetails: JsonSchema;
export declare const jobVertexSummary: JsonSchema;
export declare const jobPlan: JsonSchema;
export declare const jobDetails: JsonSchema;
export declare const jobExceptions: JsonSchema;
export declare const jobExecutionResult: JsonSchema;
export declare const jobSubmitResponse: JsonSchema;
