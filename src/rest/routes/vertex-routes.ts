/** Routes of one vertex of a job: its subtasks, backpressure and watermarks. */
import type { JobDetails, VertexInfo } from "../../cluster/messages.js";
import { defineRoute, notFound, type Route } from "../route.js";
import type { RestServices } from "../services.js";
import { errorBody, vertexIdParam } from "../schemas/common.js";
import { vertexBackPressure, vertexDetails, vertexWatermarks } from "../schemas/vertex-schemas.js";
import { backPressureJson, watermarksJson } from "../views/vertex-views.js";
import { vertexDetailsJson } from "../views/subtask-views.js";
import { jobIdParams, jobOf, unknownJob } from "./job-routes.js";

export const vertexParams = { ...jobIdParams, vertexid: { schema: vertexIdParam, description: "vertex id (from /jobs/:jobid vertices)" } };
const invalid = { status: 400, description: "invalid request", schema: errorBody };

export async function vertexOf(services: RestServices, p: Record<string, string>): Promise<{ job: JobDetails; vertex: VertexInfo }> {
  const job = await jobOf(services, p.jobid!);
  const vertex = job.vertices.find((v) => v.id === p.vertexid);
  if (!vertex) throw notFound(`job ${job.jid} has no vertex ${p.vertexid}`);
  return { job, vertex };
}

export const vertexRoutes: Route[] = [
  defineRoute({
    method: "GET",
    path: "/jobs/:jobid/vertices/:vertexid",
    operationId: "getJobVertex",
    summary: "A vertex with its subtasks: state, attempt, host, metrics",
    tags: ["vertices"],
    params: vertexParams,
    responses: [{ status: 200, description: "the vertex", schema: vertexDetails }, invalid, unknownJob],
    handler: async ({ services, params: p }) => {
      const { job, vertex } = await vertexOf(services, p);
      return { json: vertexDetailsJson(job, vertex, await services.dispatcher.requestTaskManagers()) };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/jobs/:jobid/vertices/:vertexid/backpressure",
    operationId: "getJobVertexBackPressure",
    summary: "Backpressure of a vertex's subtasks from their backpressured time per second",
    tags: ["vertices"],
    params: vertexParams,
    responses: [{ status: 200, description: "backpressure", schema: vertexBackPressure }, invalid, unknownJob],
    handler: async ({ services, params: p }) => {
      const { job, vertex } = await vertexOf(services, p);
      return { json: backPressureJson(vertex, job.now) };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/jobs/:jobid/vertices/:vertexid/watermarks",
    operationId: "getJobVertexWatermarks",
    summary: "The current input watermark of each subtask",
    tags: ["vertices"],
    params: vertexParams,
    responses: [{ status: 200, description: "watermarks", schema: vertexWatermarks }, invalid, unknownJob],
    handler: async ({ services, params: p }) => ({ json: watermarksJson((await vertexOf(services, p)).vertex) }),
  }),
];
