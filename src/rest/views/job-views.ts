/**
 * The Dispatcher's job records turned into Flink's JSON: JobDetailsInfo (/jobs/:jobid), the job
 * overview (/jobs/overview), the plan, the exception history and the execution result.
 */
import type { ExceptionInfo, JobDetails, JobResult, JobStatus, SerializedError } from "../../cluster/messages.js";
import { isGloballyTerminal } from "../../cluster/messages.js";
import { EXECUTION_STATES, JOB_STATUSES } from "../schemas/common.js";
import { allStateCounts, durationOf, ioMetrics } from "./metrics-views.js";
import { encodeCollected } from "../collected-records.js";
import type { GetJobExecutionResultResponse, ListJobOverviewsResponse } from "../schemas/rest-types.js";

type JobOverviewJson = ListJobOverviewsResponse["jobs"][number];

export function jobDetailsJson(d: JobDetails): Record<string, unknown> {
  const maxParallelism = d.jobGraph.settings.maxParallelism;
  const groupOf = new Map(d.jobGraph.vertices.map((v) => [v.id, v.slotSharingGroup]));
  const out: Record<string, unknown> = {
    jid: d.jid,
    name: d.name,
    isStoppable: false,
    state: d.state,
    "job-type": "STREAMING",
    "start-time": d.startTime,
    "end-time": d.endTime,
    duration: d.duration,
    maxParallelism: typeof maxParallelism === "number" ? maxParallelism : -1,
    now: d.now,
    // Flink lists every state, with 0 for the ones the job has not been in.
    timestamps: Object.fromEntries(JOB_STATUSES.map((s) => [s, d.timestamps[s] ?? 0])),
    vertices: d.vertices.map((v) => ({
      id: v.id,
      name: v.name,
      maxParallelism: v.maxParallelism,
      parallelism: v.parallelism,
      slotSharingGroupId: groupOf.get(v.id) ?? "default",
      status: v.status,
      "start-time": v.startTime,
      "end-time": v.endTime,
      duration: durationOf(v.startTime, v.endTime, d.now),
      tasks: allStateCounts(v.tasks),
      metrics: ioMetrics(v.subtasks.map((s) => s.metrics)),
    })),
    "status-counts": allStateCounts(d.statusCounts),
    plan: planJson(d),
    restarts: d.restarts,
    // Flink 2's adaptive graph: operators not yet turned into vertices. Sluice's JobGraph is complete at submission.
    "pending-operators": 0,
  };
  if (d.statusMessage) out["status-message"] = d.statusMessage;
  return out;
}

export function planJson(d: Pick<JobDetails, "jid" | "name" | "jobGraph">): Record<string, unknown> {
  const g = d.jobGraph;
  return {
    jid: d.jid,
    name: d.name,
    type: "STREAMING",
    nodes: g.vertices.map((v) => {
      const inputs = g.edges
        .filter((e) => e.target === v.id)
        .map((e) => {
          const input: Record<string, unknown> = { num: e.inputIndex, id: e.source, ship_strategy: e.partitioner.type.toUpperCase(), exchange: "pipelined_bounded" };
          if (e.sideOutput) input.side_output = e.sideOutput;
          return input;
        });
      const node: Record<string, unknown> = {
        id: v.id,
        parallelism: v.parallelism,
        operator: v.operators[0]?.kind ?? "",
        operator_strategy: "",
        // setDescription() on an operator replaces its name in the vertex description, as in Flink.
        description: v.operators.map((o) => (typeof o.config.description === "string" ? o.config.description : o.name)).join(" -> "),
        optimizer_properties: {},
        chain: v.operators.map((o) => ({ id: o.nodeId, name: o.name, kind: o.kind, uid: o.uid })),
      };
      // Flink omits `inputs` on sources.
      if (inputs.length) node.inputs = inputs;
      return node;
    }),
  };
}

export function jobOverviewJson(d: JobDetails): JobOverviewJson {
  const counts = allStateCounts(d.statusCounts);
  const tasks = { total: 0, reconciling: 0 } as JobOverviewJson["tasks"];
  for (const s of EXECUTION_STATES) {
    tasks[s.toLowerCase() as Lowercase<typeof s>] = counts[s];
    tasks.total += counts[s];
  }
  const times = Object.values(d.timestamps).filter((t): t is number => typeof t === "number");
  return {
    jid: d.jid,
    name: d.name,
    state: d.state,
    "start-time": d.startTime,
    "end-time": d.endTime,
    duration: d.duration,
    "last-modification": times.length ? Math.max(...times) : d.startTime,
    tasks,
    "pending-operators": 0,
  };
}

export function exceptionsJson(history: ExceptionInfo[], max: number): Record<string, unknown> {
  // Flink lists the most recent failure first.
  const newestFirst = [...history].sort((a, b) => b.timestamp - a.timestamp);
  return {
    exceptionHistory: {
      entries: newestFirst.slice(0, max).map((e) => ({
        exceptionName: e.exceptionName,
        message: e.message,
        stacktrace: e.stacktrace,
        timestamp: e.timestamp,
        taskName: e.taskName ?? null,
        endpoint: e.location ?? null,
        taskManagerId: e.location ?? null,
        // Flink's failure labels (from FailureEnrichers); Sluice labels the entries that failed nothing.
        failureLabels: e.nonFatal ? { "sluice.non-fatal": "true" } : {},
        concurrentExceptions: [],
      })),
      truncated: newestFirst.length > max,
    },
  };
}

/**
 * Flink's failure-cause of job results and asynchronous operations: class, message, stack trace and
 * the error itself; Flink's serialized-throwable is a Java serialization, Sluice's is base64 JSON of
 * the SerializedError (src/errors/serialized-error.ts), which deserializeError rebuilds.
 */
export function failureCauseJson(error: SerializedError): { class: string; message: string; "stack-trace": string; "serialized-throwable": string } {
  return {
    class: error.name,
    message: error.message,
    "stack-trace": error.stack ?? `${error.name}: ${error.message}`,
    "serialized-throwable": Buffer.from(JSON.stringify(error)).toString("base64"),
  };
}

type ExecutionResultJson = NonNullable<GetJobExecutionResultResponse["job-execution-result"]>;

const APPLICATION_STATUS: Partial<Record<JobStatus, ExecutionResultJson["application-status"]>> = { FINISHED: "SUCCEEDED", FAILED: "FAILED", CANCELED: "CANCELED" };

export function executionResultJson(state: JobStatus, result: JobResult | undefined): GetJobExecutionResultResponse {
  if (!isGloballyTerminal(state) || !result) return { status: { id: "IN_PROGRESS" } };
  const r: ExecutionResultJson = {
    id: result.jobId,
    "application-status": APPLICATION_STATUS[result.state] ?? "UNKNOWN",
    "accumulator-results": { ...result.accumulators },
    "net-runtime": Math.max(0, result.endTime - result.startTime),
    collected: Object.fromEntries(Object.entries(result.collected).map(([sink, values]) => [sink, encodeCollected(values)])),
    restarts: result.restarts,
    checkpoints: { completed: result.checkpoints.completed, restored: result.checkpoints.restored },
  };
  if (result.failure) r["failure-cause"] = failureCauseJson(result.failure);
  return { status: { id: "COMPLETED" }, "job-execution-result": r };
}
