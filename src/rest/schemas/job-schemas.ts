/** Response schemas of the job endpoints, with Flink's field names (JobDetailsInfo, JobsOverview, …). */
import type { JsonSchema } from "../schema/json-schema.js";
import { EXECUTION_STATES, JOB_STATUSES, arrayOf, count, executionState, executionStateCounts, ioMetrics, jobStatus, named, nullable, object, timestamp } from "./common.js";

export const jobIdsList: JsonSchema = object({ jobs: arrayOf(object({ id: { type: "string" }, status: jobStatus })) });

/** Task counts of a job overview: lower-case state names plus the total (Flink's JobDetails.tasks). */
const overviewTaskCounts = named("JobTaskCounts", object({
  total: count,
  ...Object.fromEntries(EXECUTION_STATES.map((s) => [s.toLowerCase(), count])),
  reconciling: count,
}));

export const jobOverview: JsonSchema = named("JobDetails", object({
  jid: { type: "string" },
  name: { type: "string" },
  state: jobStatus,
  "start-time": timestamp,
  "end-time": timestamp,
  duration: count,
  "last-modification": count,
  tasks: overviewTaskCounts,
  "pending-operators": { ...count, description: "always 0: the JobGraph is complete at submission" },
}));

export const multipleJobsDetails: JsonSchema = object({ jobs: arrayOf(jobOverview) });

export const jobVertexSummary: JsonSchema = named("JobVertexDetailsInfo", object({
  id: { type: "string" },
  name: { type: "string" },
  maxParallelism: count,
  parallelism: count,
  slotSharingGroupId: { type: "string", description: "the vertex's slot sharing group by name (Flink: a hex id)" },
  status: executionState,
  "start-time": timestamp,
  "end-time": timestamp,
  duration: { type: "integer", minimum: -1 },
  tasks: executionStateCounts,
  metrics: ioMetrics,
}));

const planInput = named("JobPlanInput", object({
  num: count,
  id: { type: "string" },
  ship_strategy: { type: "string", description: "FORWARD, HASH, REBALANCE, RESCALE, BROADCAST, GLOBAL, SHUFFLE or CUSTOM" },
  exchange: { type: "string" },
  side_output: { type: "string" },
}, ["num", "id", "ship_strategy", "exchange"]));

const chainedOperator = named("ChainedOperator", object({
  id: count,
  name: { type: "string" },
  kind: { type: "string" },
  uid: { type: "string" },
}));

export const jobPlan: JsonSchema = named("JobPlanInfo", object({
  jid: { type: "string" },
  name: { type: "string" },
  type: { type: "string", enum: ["STREAMING"] },
  nodes: arrayOf(
    object(
      {
        id: { type: "string" },
        parallelism: count,
        operator: { type: "string" },
        operator_strategy: { type: "string" },
        description: { type: "string" },
        inputs: arrayOf(planInput),
        optimizer_properties: { type: "object" },
        chain: { ...arrayOf(chainedOperator), description: "Sluice: the operators chained into this vertex, head first" },
      },
      ["id", "parallelism", "operator", "operator_strategy", "description", "optimizer_properties", "chain"],
    ),
  ),
}));

export const jobDetails: JsonSchema = object(
  {
    jid: { type: "string" },
    name: { type: "string" },
    isStoppable: { type: "boolean" },
    state: jobStatus,
    "job-type": { type: "string", enum: ["STREAMING"] },
    "start-time": timestamp,
    "end-time": timestamp,
    duration: count,
    maxParallelism: { type: "integer" },
    now: count,
    timestamps: object(Object.fromEntries(JOB_STATUSES.map((s) => [s, count]))),
    vertices: arrayOf(jobVertexSummary),
    "status-counts": executionStateCounts,
    plan: jobPlan,
    "status-message": { type: "string", description: "Sluice: why the job is not running yet, e.g. waiting for slots" },
    restarts: { ...count, description: "Sluice: how often the job restarted (Flink's numRestarts metric)" },
    "pending-operators": { ...count, description: "always 0: the JobGraph is complete at submission" },
  },
  ["jid", "name", "isStoppable", "state", "job-type", "start-time", "end-time", "duration", "maxParallelism", "now", "timestamps", "vertices", "status-counts", "plan", "restarts", "pending-operators"],
);

const exceptionEntry = named("ExceptionInfo", object(
  {
    exceptionName: { type: "string" },
    message: { type: "string" },
    stacktrace: { type: "string" },
    timestamp: count,
    taskName: nullable({ type: "string" }),
    endpoint: nullable({ type: "string" }),
    taskManagerId: nullable({ type: "string" }),
    failureLabels: { type: "object", additionalProperties: { type: "string" } },
    concurrentExceptions: arrayOf({ type: "object" }),
  },
  ["exceptionName", "message", "stacktrace", "timestamp", "taskName", "endpoint", "taskManagerId", "failureLabels", "concurrentExceptions"],
));

export const jobExceptions: JsonSchema = object({
  exceptionHistory: object({ entries: arrayOf(exceptionEntry), truncated: { type: "boolean" } }),
});

export const failureCause = named("FailureCause", object(
  {
    class: { type: "string" },
    message: { type: "string" },
    "stack-trace": { type: "string" },
    "serialized-throwable": { type: "string", description: "Sluice: the error as base64 JSON (Flink: a serialized Java Throwable)" },
  },
  ["class", "message", "stack-trace", "serialized-throwable"],
));

export const jobExecutionResult: JsonSchema = object(
  {
    status: object({ id: { type: "string", enum: ["IN_PROGRESS", "COMPLETED"] } }),
    "job-execution-result": object(
      {
        id: { type: "string" },
        "application-status": { type: "string", enum: ["SUCCEEDED", "FAILED", "CANCELED", "UNKNOWN"] },
        "accumulator-results": { type: "object", description: "the accumulators merged over all subtasks, by name, as JSON values (Flink: serialized Java objects)" },
        "net-runtime": count,
        "failure-cause": failureCause,
        collected: {
          type: "object",
          description: "Sluice: records of executeAndCollect() sinks by sink node id, each a base64 msgpack array (msgpackr, moreTypes)",
          additionalProperties: { type: "string", contentMediaType: "application/x-msgpack" },
        },
        restarts: { ...count, description: "Sluice: how often the job restarted" },
        checkpoints: { ...object({ completed: count, restored: count }), description: "Sluice: checkpoints completed, and restores from one" },
      },
      ["id", "application-status", "accumulator-results", "net-runtime", "collected", "restarts", "checkpoints"],
    ),
  },
  ["status"],
);

export const jobSubmitResponse: JsonSchema = object({ jobUrl: { type: "string" }, jobid: { type: "string" } });
