/** The route table of the REST API (docs/architecture.md, "REST API and dashboard"). */
import { defineRoute, type Route } from "../route.js";
import { openApiDocument } from "../openapi.js";
import { clusterRoutes } from "./cluster-routes.js";
import { jobRoutes } from "./job-routes.js";
import { coordinationRoutes } from "./coordination-routes.js";
import { vertexRoutes } from "./vertex-routes.js";
import { checkpointRoutes } from "./checkpoint-routes.js";
import { jarRoutes } from "./jar-routes.js";
import { flameGraphRoutes } from "./flamegraph-routes.js";
import { metricRoutes } from "./metric-routes.js";
import { jobInfoRoutes } from "./job-info-routes.js";
import { subtaskRoutes } from "./subtask-routes.js";
import { taskManagerRoutes } from "./taskmanager-routes.js";

const openApiRoute = defineRoute({
  method: "GET",
  path: "/openapi.json",
  operationId: "getOpenApiDocument",
  summary: "This API's OpenAPI 3.1 document (also at /v1/openapi.json)",
  tags: ["cluster"],
  auth: "none",
  responses: [{ status: 200, description: "the OpenAPI document", schema: { type: "object", required: ["openapi", "info", "paths"], properties: { openapi: { type: "string" }, info: { type: "object" }, paths: { type: "object" } } } }],
  handler: async ({ services }) => ({ json: openApiDocument(services.routes) }),
});

export const REST_ROUTES: readonly Route[] = [...clusterRoutes, ...taskManagerRoutes, ...jobRoutes, ...coordinationRoutes, ...jobInfoRoutes, ...vertexRoutes, ...subtaskRoutes, ...flameGraphRoutes, ...checkpointRoutes, ...jarRoutes, ...metricRoutes, openApiRoute];
