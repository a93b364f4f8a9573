/**
 * Flink's metrics endpoints (docs/metrics.md, "REST API"; docs/architecture.md, "Metrics"). Without
 * `get` they list the available metric ids; with `get=a,b` they answer the values of those that
 * exist — unknown names are left out, as Flink does. The aggregating endpoints (over TaskManagers,
 * jobs or subtasks) answer min, max, avg, sum and skew of the numeric values, or those named by
 * `agg`, over the entities named by `taskmanagers=`, `jobs=` or `subtasks=` (default: all).
 * A vertex's metrics are named `<subtask>.<metric>`, as in Flink.
 */
import type { MetricStore, MetricValues } from "../../cluster/metrics/metric-store.js";
import { badRequest, defineRoute, notFound, RestError, type Route } from "../route.js";
import type { RestServices } from "../services.js";
import { errorBody, vertexIdParam } from "../schemas/common.js";
import type { JsonSchema } from "../schema/json-schema.js";
import { jobIdParams, jobOf, unknownJob } from "./job-routes.js";

const TM_ID = { type: "string", pattern: "^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$" } as const;
const AGGREGATIONS = ["min", "max", "avg", "sum", "skew"] as const;
type Aggregation = (typeof AGGREGATIONS)[number];

const metricList: JsonSchema = {
  type: "array",
  description: "metric ids, or ids with values when `get` is given",
  items: { type: "object", required: ["id"], properties: { id: { type: "string" }, value: { type: "string" } } },
};
const aggregatedList: JsonSchema = {
  type: "array",
  description: "metric ids, or ids with the requested aggregations when `get` is given",
  items: {
    type: "object",
    required: ["id"],
    properties: { id: { type: "string" }, min: { type: "number" }, max: { type: "number" }, avg: { type: "number" }, sum: { type: "number" }, skew: { type: "number" } },
  },
};
const invalid = { status: 400, description: "invalid request (e.g. an unknown aggregation)", schema: errorBody };
const unknownEntity = { status: 404, description: "no such job, vertex, subtask or TaskManager", schema: errorBody };

const getParam = { get: { schema: { type: "string", maxLength: 65_536 }, description: "comma-separated metric ids to answer" } } as const;
const aggParams = {
  ...getParam,
  agg: { schema: { type: "string", maxLength: 64 }, description: "comma-separated aggregations: min, max, avg, sum, skew (default all)" },
} as const;

type GetQuery = { get?: string };
type AggQuery = GetQuery & { agg?: string };

const split = (s: string | undefined): string[] | undefined =>
  s === undefined
    ? undefined
    : s
        .split(",")
        .map((x) => x.trim())
        .filter((x) => x !== "");

/** Flink's answer of a non-aggregating metrics endpoint. */
export function metricsJson(values: MetricValues | undefined, get: string | undefined): { id: string; value?: string }[] {
  const requested = split(get);
  if (!requested) return [...(values?.keys() ?? [])].sort().map((id) => ({ id }));
  return requested.flatMap((id) => {
    const value = values?.get(id);
    return value === undefined ? [] : [{ id, value }];
  });
}

export function parseAggregations(agg: string | undefined): Aggregation[] {
  const names = split(agg);
  if (!names || names.length === 0) return [...AGGREGATIONS];
  for (const n of names) if (!(AGGREGATIONS as readonly string[]).includes(n.toLowerCase())) throw badRequest(`agg: unknown aggregation "${n}"; use min, max, avg, sum or skew`);
  return [...new Set(names.map((n) => n.toLowerCase() as Aggregation))];
}

function aggregate(values: number[], agg: Aggregation): number {
  const sum = values.reduce((a, b) => a + b, 0);
  const avg = sum / values.length;
  switch (agg) {
    case "min":
      return Math.min(...values);
    case "max":
      return Math.max(...values);
    case "sum":
      return sum;
    case "avg":
      return avg;
    case "skew": {
      // Flink's skew: mean absolute deviation over the mean, in percent, at most 100.
      if (avg === 0) return 0;
      const dev = values.reduce((a, v) => a + Math.abs(avg - v), 0) / values.length;
      return Math.min((dev / avg) * 100, 100);
    }
  }
}

/** Flink's answer of an aggregating endpoint over `entities`. */
export function aggregatedJson(entities: MetricValues[], query: AggQuery): Record<string, number | string>[] {
  const aggs = parseAggregations(query.agg);
  const requested = split(query.get);
  if (!requested) return [...new Set(entities.flatMap((e) => [...e.keys()]))].sort().map((id) => ({ id }));
  return requested.flatMap((id) => {
    const numbers = entities.map((e) => Number(e.get(id))).filter((n, i) => entities[i]!.get(id) !== undefined && Number.isFinite(n));
    if (numbers.length === 0) return [];
    return [{ id, ...Object.fromEntries(aggs.map((a) => [a, aggregate(numbers, a)])) }];
  });
}

/** `subtasks=0,2-4`: Flink's list of indices and ranges. */
export function parseSubtasks(s: string | undefined): Set<number> | undefined {
  const items = split(s);
  if (!items) return undefined;
  const out = new Set<number>();
  for (const item of items) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(item);
    if (!m) throw badRequest(`subtasks: "${item}" is not a subtask index or range (e.g. 0,2-4)`);
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (to < from || to - from > 100_000) throw badRequest(`subtasks: "${item}" is not a valid range`);
    for (let i = from; i <= to; i++) out.add(i);
  }
  return out;
}

function metricsOf(services: RestServices): Promise<MetricStore> {
  if (!services.metrics) throw new RestError(503, ["metrics are not collected by this REST endpoint"]);
  return services.metrics.store();
}

async function taskManagerIds(services: RestServices): Promise<Set<string>> {
  return new Set((await services.dispatcher.requestTaskManagers()).map((t) => t.id));
}

async function vertexOf(services: RestServices, jobId: string, vertexId: string): Promise<{ parallelism: number }> {
  const job = await jobOf(services, jobId);
  const vertex = job.vertices.find((v) => v.id === vertexId);
  if (!vertex) throw notFound(`job ${jobId} has no vertex ${vertexId}`);
  return vertex;
}

const vertexParams = { ...jobIdParams, vertexid: { schema: vertexIdParam, description: "vertex id (from /jobs/:jobid vertices)" } };

export const metricRoutes: Route[] = [
  defineRoute<GetQuery>({
    method: "GET",
    path: "/jobmanager/metrics",
    operationId: "getJobManagerMetrics",
    summary: "Metrics of the JobManager (scope jobmanager)",
    tags: ["metrics"],
    query: getParam,
    responses: [{ status: 200, description: "metrics", schema: metricList }],
    handler: async ({ services, query }) => ({ json: metricsJson((await metricsOf(services)).jobManager, query.get) }),
  }),
  defineRoute<AggQuery & { taskmanagers?: string }>({
    method: "GET",
    path: "/taskmanagers/metrics",
    operationId: "getAggregatedTaskManagerMetrics",
    summary: "Metrics aggregated over TaskManagers",
    tags: ["metrics"],
    query: { ...aggParams, taskmanagers: { schema: { type: "string", maxLength: 65_536 }, description: "comma-separated TaskManager ids (default all)" } },
    responses: [{ status: 200, description: "aggregated metrics", schema: aggregatedList }, invalid],
    handler: async ({ services, query }) => {
      parseAggregations(query.agg);
      const store = await metricsOf(services);
      const ids = split(query.taskmanagers) ?? [...store.taskManagers.keys()];
      return { json: aggregatedJson(ids.flatMap((id) => store.taskManagers.get(id) ?? []), query) };
    },
  }),
  defineRoute<GetQuery>({
    method: "GET",
    path: "/taskmanagers/:taskmanagerid/metrics",
    operationId: "getTaskManagerMetrics",
    summary: "Metrics of one TaskManager (scope taskmanager)",
    tags: ["metrics"],
    params: { taskmanagerid: { schema: TM_ID, description: "TaskManager id" } },
    query: getParam,
    responses: [{ status: 200, description: "metrics", schema: metricList }, invalid, unknownEntity],
    handler: async ({ services, params, query }) => {
      if (!(await taskManagerIds(services)).has(params.taskmanagerid!)) throw notFound(`TaskManager ${params.taskmanagerid} is not registered`);
      return { json: metricsJson((await metricsOf(services)).taskManagers.get(params.taskmanagerid!), query.get) };
    },
  }),
  defineRoute<AggQuery & { jobs?: string }>({
    method: "GET",
    path: "/jobs/metrics",
    operationId: "getAggregatedJobMetrics",
    summary: "Job metrics (scope jobmanager.job) aggregated over jobs",
    tags: ["metrics"],
    query: { ...aggParams, jobs: { schema: { type: "string", maxLength: 65_536 }, description: "comma-separated job ids (default all)" } },
    responses: [{ status: 200, description: "aggregated metrics", schema: aggregatedList }, invalid],
    handler: async ({ services, query }) => {
      parseAggregations(query.agg);
      const store = await metricsOf(services);
      const ids = split(query.jobs) ?? [...store.jobs.keys()];
      return { json: aggregatedJson(ids.flatMap((id) => store.jobs.get(id)?.metrics ?? []), query) };
    },
  }),
  defineRoute<GetQuery>({
    method: "GET",
    path: "/jobs/:jobid/metrics",
    operationId: "getJobMetrics",
    summary: "Metrics of one job (scope jobmanager.job)",
    tags: ["metrics"],
    params: jobIdParams,
    query: getParam,
    responses: [{ status: 200, description: "metrics", schema: metricList }, invalid, unknownJob],
    handler: async ({ services, params, query }) => {
      await jobOf(services, params.jobid!);
      return { json: metricsJson((await metricsOf(services)).jobs.get(params.jobid!)?.metrics, query.get) };
    },
  }),
  defineRoute<GetQuery>({
    method: "GET",
    path: "/jobs/:jobid/vertices/:vertexid/metrics",
    operationId: "getJobVertexMetrics",
    summary: "Task and operator metrics of a vertex, named <subtask>.<metric>",
    tags: ["metrics"],
    params: vertexParams,
    query: getParam,
    responses: [{ status: 200, description: "metrics", schema: metricList }, invalid, unknownEntity],
    handler: async ({ services, params, query }) => {
      await vertexOf(services, params.jobid!, params.vertexid!);
      const task = (await metricsOf(services)).jobs.get(params.jobid!)?.tasks.get(params.vertexid!);
      const prefixed: MetricValues = new Map();
      for (const [index, values] of task?.subtasks ?? []) for (const [name, value] of values) prefixed.set(`${index}.${name}`, value);
      return { json: metricsJson(prefixed, query.get) };
    },
  }),
  defineRoute<AggQuery & { subtasks?: string }>({
    method: "GET",
    path: "/jobs/:jobid/vertices/:vertexid/subtasks/metrics",
    operationId: "getAggregatedSubtaskMetrics",
    summary: "Task and operator metrics of a vertex aggregated over its subtasks",
    tags: ["metrics"],
    params: vertexParams,
    query: { ...aggParams, subtasks: { schema: { type: "string", maxLength: 65_536 }, description: "subtask indices and ranges, e.g. 0,2-4 (default all)" } },
    responses: [{ status: 200, description: "aggregated metrics", schema: aggregatedList }, invalid, unknownEntity],
    handler: async ({ services, params, query }) => {
      parseAggregations(query.agg);
      const selected = parseSubtasks(query.subtasks);
      await vertexOf(services, params.jobid!, params.vertexid!);
      const task = (await metricsOf(services)).jobs.get(params.jobid!)?.tasks.get(params.vertexid!);
      const subtasks = [...(task?.subtasks ?? [])].filter(([i]) => !selected || selected.has(i)).map(([, v]) => v);
      return { json: aggregatedJson(subtasks, query) };
    },
  }),
  defineRoute<GetQuery>({
    method: "GET",
    path: "/jobs/:jobid/vertices/:vertexid/subtasks/:subtaskindex/metrics",
    operationId: "getSubtaskMetrics",
    summary: "Task and operator metrics of one subtask",
    tags: ["metrics"],
    params: { ...vertexParams, subtaskindex: { schema: { type: "string", pattern: "^[0-9]{1,9}$" }, description: "subtask index" } },
    query: getParam,
    responses: [{ status: 200, description: "metrics", schema: metricList }, invalid, unknownEntity],
    handler: async ({ services, params, query }) => {
      const vertex = await vertexOf(services, params.jobid!, params.vertexid!);
      const index = Number(params.subtaskindex);
      if (index >= vertex.parallelism) throw notFound(`vertex ${params.vertexid} has ${vertex.parallelism} subtasks; there is no subtask ${index}`);
      const task = (await metricsOf(services)).jobs.get(params.jobid!)?.tasks.get(params.vertexid!);
      return { json: metricsJson(task?.subtasks.get(index), query.get) };
    },
  }),
];
