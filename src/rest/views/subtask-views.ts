/**
 * Subtasks of a vertex in Flink's JSON: SubtaskExecutionAttemptDetailsInfo (in /vertices/:vertexid,
 * /subtasks/:subtaskindex and its attempts), the per-state durations and timestamps, the per-vertex
 * aggregates (AggregatedTaskDetailsInfo) and the per-TaskManager view of a vertex.
 */
import type { ExecutionState, JobDetails, SubtaskInfo, TaskManagerInfo, VertexInfo } from "../../cluster/messages.js";
import { durationOf, ioMetrics, type IoMetricsJson } from "./metrics-views.js";
import { allStateCounts } from "./metrics-views.js";
import { nearestRank } from "../../util/quantiles.js";
import { aggregateExecutionState } from "../../cluster/jobmaster/execution-graph.js";

export const UNASSIGNED = "(unassigned)";

/** The states Flink reports durations of (status-duration). */
const DURATION_STATES = ["CREATED", "SCHEDULED", "DEPLOYING", "INITIALIZING", "RUNNING"] as const satisfies readonly ExecutionState[];
/** Flink's order of an execution's states, to find when the next one began. */
const STATE_ORDER: readonly ExecutionState[] = ["CREATED", "SCHEDULED", "DEPLOYING", "INITIALIZING", "RUNNING", "FINISHED", "CANCELING", "CANCELED", "FAILED"];

/** Where a TaskManager's data endpoint is: host and data port, as Flink's `endpoint` (or "(unassigned)"). */
export class TaskManagerIndex {
  private readonly byId: Map<string, TaskManagerInfo>;
  constructor(taskManagers: TaskManagerInfo[]) {
    this.byId = new Map(taskManagers.map((t) => [t.id, t]));
  }
  host(s: SubtaskInfo): string {
    return s.host ?? (s.taskManagerId ? this.byId.get(s.taskManagerId)?.host : undefined) ?? UNASSIGNED;
  }
  endpoint(s: Pick<SubtaskInfo, "taskManagerId" | "host">): string {
    const tm = s.taskManagerId ? this.byId.get(s.taskManagerId) : undefined;
    const host = s.host ?? tm?.host;
    if (!host) return UNASSIGNED;
    const port = tm ? /:(\d{1,5})$/.exec(tm.dataAddress)?.[1] : undefined;
    return port ? `${host}:${port}` : host;
  }
}

/** Milliseconds the subtask's current attempt spent in each state (0 for states it has not been in). */
export function statusDuration(s: SubtaskInfo, now: number): Record<(typeof DURATION_STATES)[number], number> {
  const ts = s.timestamps ?? {};
  const out = {} as Record<(typeof DURATION_STATES)[number], number>;
  for (const state of DURATION_STATES) {
    const start = ts[state];
    if (start === undefined) {
      out[state] = 0;
      continue;
    }
    const later = STATE_ORDER.slice(STATE_ORDER.indexOf(state) + 1)
      .map((x) => ts[x])
      .filter((t): t is number => t !== undefined);
    out[state] = Math.max(0, (later.length ? Math.min(...later) : now) - start);
  }
  return out;
}

export function subtaskJson(d: JobDetails, s: SubtaskInfo, tms: TaskManagerIndex): Record<string, unknown> {
  return {
    subtask: s.subtask,
    status: s.status,
    attempt: s.attempt,
    endpoint: tms.endpoint(s),
    host: tms.host(s),
    "taskmanager-id": s.taskManagerId ?? UNASSIGNED,
    "start-time": s.startTime,
    // Flink writes both spellings.
    start_time: s.startTime,
    "end-time": s.endTime,
    duration: durationOf(s.startTime, s.endTime, d.now),
    metrics: ioMetrics([s.metrics]),
    "status-duration": statusDuration(s, d.now),
    // Sluice runs no speculative attempts.
    "other-concurrent-attempts": [],
  };
}

export interface Stats {
  min: number;
  max: number;
  avg: number;
  sum: number;
  median: number;
  p25: number;
  p75: number;
  p95: number;
}

/** Flink's per-vertex statistics of a value over the subtasks (nearest-rank percentiles). */
export function stats(values: number[]): Stats {
  if (values.length === 0) return { min: 0, max: 0, avg: 0, sum: 0, median: 0, p25: 0, p75: 0, p95: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number): number => nearestRank(sorted, q)!;
  const sum = sorted.reduce((a, b) => a + b, 0);
  return { min: sorted[0]!, max: sorted[sorted.length - 1]!, avg: Math.round(sum / sorted.length), sum, median: at(0.5), p25: at(0.25), p75: at(0.75), p95: at(0.95) };
}

const AGGREGATED_METRICS = ["read-bytes", "write-bytes", "read-records", "write-records", "accumulated-backpressured-time", "accumulated-idle-time", "accumulated-busy-time"] as const;

/** Flink's AggregatedTaskDetailsInfo: statistics of the subtasks' metrics and state durations. */
export function aggregatedJson(subtasks: SubtaskInfo[], now: number): Record<string, unknown> {
  const metrics = subtasks.map((s) => ioMetrics([s.metrics]));
  const durations = subtasks.map((s) => statusDuration(s, now));
  return {
    metrics: Object.fromEntries(AGGREGATED_METRICS.map((m) => [m, stats(metrics.map((x) => x[m] as number))])),
    "status-duration": Object.fromEntries(DURATION_STATES.map((st) => [st, stats(durations.map((x) => x[st]))])),
  };
}

export function vertexDetailsJson(d: JobDetails, v: VertexInfo, taskManagers: TaskManagerInfo[]): Record<string, unknown> {
  const tms = new TaskManagerIndex(taskManagers);
  return {
    id: v.id,
    name: v.name,
    parallelism: v.parallelism,
    maxParallelism: v.maxParallelism,
    now: d.now,
    subtasks: v.subtasks.map((s) => subtaskJson(d, s, tms)),
    aggregated: aggregatedJson(v.subtasks, d.now),
  };
}

/** /subtasktimes: when each subtask entered each state (Flink lists every state; 0 for those not reached). */
export function subtaskTimesJson(d: JobDetails, v: VertexInfo, taskManagers: TaskManagerInfo[]): Record<string, unknown> {
  const tms = new TaskManagerIndex(taskManagers);
  return {
    id: v.id,
    name: v.name,
    now: d.now,
    subtasks: v.subtasks.map((s) => ({
      subtask: s.subtask,
      endpoint: tms.endpoint(s),
      duration: durationOf(s.startTime, s.endTime, d.now),
      timestamps: Object.fromEntries(STATE_ORDER.map((st) => [st, s.timestamps?.[st] ?? 0])),
    })),
  };
}

/** /taskmanagers of a vertex: its subtasks grouped by the TaskManager they run on. */
export function vertexTaskManagersJson(d: JobDetails, v: VertexInfo, taskManagers: TaskManagerInfo[]): Record<string, unknown> {
  const tms = new TaskManagerIndex(taskManagers);
  const groups = new Map<string, SubtaskInfo[]>();
  for (const s of v.subtasks) {
    const key = s.taskManagerId ?? UNASSIGNED;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  return {
    id: v.id,
    name: v.name,
    now: d.now,
    taskmanagers: [...groups].map(([id, subtasks]) => {
      const starts = subtasks.map((s) => s.startTime).filter((t) => t >= 0);
      const ends = subtasks.map((s) => s.endTime);
      const start = starts.length ? Math.min(...starts) : -1;
      const end = ends.every((t) => t >= 0) ? Math.max(...ends) : -1;
      const counts: Partial<Record<ExecutionState, number>> = {};
      for (const s of subtasks) counts[s.status] = (counts[s.status] ?? 0) + 1;
      return {
        endpoint: tms.endpoint(subtasks[0]!),
        "taskmanager-id": id,
        status: aggregateExecutionState(subtasks.map((s) => s.status)),
        "start-time": start,
        "end-time": end,
        duration: durationOf(start, end, d.now),
        metrics: ioMetrics(subtasks.map((s) => s.metrics)) as IoMetricsJson,
        "status-counts": allStateCounts(counts),
        aggregated: aggregatedJson(subtasks, d.now),
      };
    }),
  };
}
