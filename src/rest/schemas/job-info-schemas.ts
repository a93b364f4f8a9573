/** Schemas of a job's status, configuration, accumulators and resource requirements (Flink's names). */
import type { JsonSchema } from "../schema/json-schema.js";
import { arrayOf, count, jobStatus, object, stringMap } from "./common.js";
import { userAccumulator } from "./vertex-schemas.js";

export const jobStatusInfo: JsonSchema = object({ status: jobStatus });

export const jobConfigInfo: JsonSchema = object({
  jid: { type: "string" },
  name: { type: "string" },
  "execution-config": object({
    "restart-strategy": { type: "string", description: "the strategy the JobMaster uses, described" },
    "job-parallelism": { type: "integer", description: "the job's default parallelism (-1: the cluster's)" },
    "object-reuse-mode": { type: "boolean", description: "always false: records are never reused" },
    "user-config": { ...stringMap, description: "the job-level settings its definition made (JSON for non-string values)" },
  }),
});

export const jobAccumulators: JsonSchema = object({
  "job-accumulators": { ...arrayOf({ type: "object" }, { maxItems: 0 }), description: "always empty, as in Flink" },
  "user-task-accumulators": arrayOf(userAccumulator),
  "serialized-user-task-accumulators": { type: "object", description: "with includeSerializedValue=true: each value as JSON (Flink: a serialized Java object)" },
});

export const jobResourceRequirements: JsonSchema = {
  type: "object",
  description: "per vertex id, the parallelism bounds (Sluice runs a vertex at exactly its parallelism; lowerBound 1 as in Flink's default)",
  additionalProperties: object({ parallelism: object({ lowerBound: count, upperBound: count }) }),
};
