/**
 * A vertex's subtasks: their state timestamps, the TaskManagers they run on, their accumulators,
 * and one subtask (and its attempt). Sluice restarts all subtasks together with a new attempt and
 * keeps only the current one, so an attempt other than the current answers 404.
 */
import type { JobDetails, SubtaskInfo, VertexInfo } from "../../cluster/messages.js";
import { defineRoute, notFound, type Route } from "../route.js";
import type { RestServices } from "../services.js";
import { errorBody } from "../schemas/common.js";
import type { JsonSchema } from "../schema/json-schema.js";
import { attemptAccumulators, subtaskDetails, subtasksAccumulators, subtaskTimes, vertexAccumulators, vertexTaskManagers } from "../schemas/vertex-schemas.js";
import { mergedAccumulatorsOf, userAccumulatorsJson } from "../views/accumulator-views.js";
import { subtaskJson, subtaskTimesJson, TaskManagerIndex, vertexTaskManagersJson } from "../views/subtask-views.js";
import { unknownJob } from "./job-routes.js";
import { vertexOf, vertexParams } from "./vertex-routes.js";

const invalid = { status: 400, description: "invalid request", schema: errorBody };
const unknown = { ...unknownJob, description: "no such job, vertex, subtask or attempt" };
const index: JsonSchema = { type: "integer", minimum: 0, maximum: 1_000_000 };
const subtaskParams = { ...vertexParams, subtaskindex: { schema: index, description: "subtask index, 0-based" } };
const attemptParams = { ...subtaskParams, attempt: { schema: index, description: "attempt number (only the current attempt is kept)" } };

async function subtaskOf(services: RestServices, p: Record<string, string>): Promise<{ job: JobDetails; vertex: VertexInfo; subtask: SubtaskInfo }> {
  const { job, vertex } = await vertexOf(services, p);
  const subtask = vertex.subtasks.find((s) => s.subtask === Number(p.subtaskindex));
  if (!subtask) throw notFound(`vertex ${vertex.id} has no subtask ${p.subtaskindex} (its parallelism is ${vertex.parallelism})`);
  if (p.attempt !== undefined && subtask.attempt !== Number(p.attempt)) {
    throw notFound(`subtask ${subtask.subtask} of vertex ${vertex.id} is at attempt ${subtask.attempt}; Sluice keeps only the current attempt`);
  }
  return { job, vertex, subtask };
}

async function withTaskManagers<T>(services: RestServices, f: (tms: Awaited<ReturnType<RestServices["dispatcher"]["requestTaskManagers"]>>) => T): Promise<T> {
  return f(await services.dispatcher.requestTaskManagers());
}

export const subtaskRoutes: Route[] = [
  defineRoute({
    method: "GET",
    path: "/jobs/:jobid/vertices/:vertexid/subtasktimes",
    operationId: "getJobVertexSubtaskTimes",
    summary: "When each subtask of the vertex entered each state",
    tags: ["vertices"],
    params: vertexParams,
    responses: [{ status: 200, description: "state timestamps", schema: subtaskTimes }, invalid, unknown],
    handler: async ({ services, params }) => {
      const { job, vertex } = await vertexOf(services, params);
      return { json: await withTaskManagers(services, (tms) => subtaskTimesJson(job, vertex, tms)) };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/jobs/:jobid/vertices/:vertexid/taskmanagers",
    operationId: "getJobVertexTaskManagers",
    summary: "The vertex's subtasks grouped by TaskManager, with their metrics and states",
    tags: ["vertices"],
    params: vertexParams,
    responses: [{ status: 200, description: "per TaskManager", schema: vertexTaskManagers }, invalid, unknown],
    handler: async ({ services, params }) => {
      const { job, vertex } = await vertexOf(services, params);
      return { json: await withTaskManagers(services, (tms) => vertexTaskManagersJson(job, vertex, tms)) };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/jobs/:jobid/vertices/:vertexid/accumulators",
    operationId: "getJobVertexAccumulators",
    summary: "The vertex's accumulators, merged over its subtasks",
    tags: ["vertices"],
    params: vertexParams,
    responses: [{ status: 200, description: "accumulators", schema: vertexAccumulators }, invalid, unknown],
    handler: async ({ services, params }) => {
      const { vertex } = await vertexOf(services, params);
      return { json: { id: vertex.id, "user-accumulators": userAccumulatorsJson(mergedAccumulatorsOf(vertex.subtasks)) } };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/jobs/:jobid/vertices/:vertexid/subtasks/accumulators",
    operationId: "getJobVertexSubtaskAccumulators",
    summary: "The accumulators of each subtask of the vertex",
    tags: ["vertices"],
    params: vertexParams,
    responses: [{ status: 200, description: "accumulators per subtask", schema: subtasksAccumulators }, invalid, unknown],
    handler: async ({ services, params }) => {
      const { vertex } = await vertexOf(services, params);
      const tms = new TaskManagerIndex(await services.dispatcher.requestTaskManagers());
      return {
        json: {
          id: vertex.id,
          parallelism: vertex.parallelism,
          subtasks: vertex.subtasks.map((s) => ({ subtask: s.subtask, attempt: s.attempt, endpoint: tms.endpoint(s), "user-accumulators": userAccumulatorsJson(s.metrics?.accumulators) })),
        },
      };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/jobs/:jobid/vertices/:vertexid/subtasks/:subtaskindex",
    operationId: "getJobVertexSubtask",
    summary: "One subtask's current attempt: state, location, times, metrics",
    tags: ["vertices"],
    params: subtaskParams,
    responses: [{ status: 200, description: "the subtask", schema: subtaskDetails }, invalid, unknown],
    handler: async ({ services, params }) => {
      const { job, subtask } = await subtaskOf(services, params);
      return { json: subtaskJson(job, subtask, new TaskManagerIndex(await services.dispatcher.requestTaskManagers())) };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/jobs/:jobid/vertices/:vertexid/subtasks/:subtaskindex/attempts/:attempt",
    operationId: "getJobVertexSubtaskAttempt",
    summary: "One attempt of a subtask (the current one; earlier attempts are not kept)",
    tags: ["vertices"],
    params: attemptParams,
    responses: [{ status: 200, description: "the attempt", schema: subtaskDetails }, invalid, unknown],
    handler: async ({ services, params }) => {
      const { job, subtask } = await subtaskOf(services, params);
      return { json: subtaskJson(job, subtask, new TaskManagerIndex(await services.dispatcher.requestTaskManagers())) };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/jobs/:jobid/vertices/:vertexid/subtasks/:subtaskindex/attempts/:attempt/accumulators",
    operationId: "getJobVertexSubtaskAttemptAccumulators",
    summary: "The accumulators of one attempt of a subtask",
    tags: ["vertices"],
    params: attemptParams,
    responses: [{ status: 200, description: "accumulators", schema: attemptAccumulators }, invalid, unknown],
    handler: async ({ services, params }) => {
      const { subtask } = await subtaskOf(services, params);
      return { json: { subtask: subtask.subtask, attempt: subtask.attempt, id: subtask.executionId ?? "", "user-accumulators": userAccumulatorsJson(subtask.metrics?.accumulators) } };
    },
  }),
];
