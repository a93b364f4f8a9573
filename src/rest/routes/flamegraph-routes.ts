/**
 * A vertex's flame graph (Flink's JobVertexFlameGraphHandler; docs/architecture.md, "Flame graphs"):
 * sampled in the workers of its subtasks on demand through the tracker, answered with Flink's codes
 * while there is nothing to show.
 */
import { isTerminalExecutionState } from "../../runtime/tasks/deployment.js";
import { badRequest, defineRoute, type Route } from "../route.js";
import { errorBody } from "../schemas/common.js";
import { vertexFlameGraph } from "../schemas/flamegraph-schemas.js";
import { FLAME_GRAPH_DISABLED, FLAME_GRAPH_TERMINATED, FLAME_GRAPH_TYPES, FLAME_GRAPH_WAITING, flameGraphJson, parseFlameGraphType } from "../views/flamegraph-views.js";
import { unknownJob } from "./job-routes.js";
import { vertexOf, vertexParams } from "./vertex-routes.js";

interface FlameGraphQuery {
  type?: string;
  subtaskindex?: number;
}

export const flameGraphRoutes: Route[] = [
  defineRoute<FlameGraphQuery>({
    method: "GET",
    path: "/jobs/:jobid/vertices/:vertexid/flamegraph",
    operationId: "getJobVertexFlameGraph",
    summary: "The flame graph of a vertex from CPU samples of its subtasks' workers (the first request starts sampling)",
    tags: ["vertices"],
    params: vertexParams,
    query: {
      type: { schema: { type: "string" }, description: `${FLAME_GRAPH_TYPES.join(", ")} (default full; case-insensitive)` },
      subtaskindex: { schema: { type: "integer", minimum: 0 }, description: "only this subtask (default: all subtasks merged)" },
    },
    responses: [
      { status: 200, description: "the flame graph, or endTimestamp -1/-2/-3 without data", schema: vertexFlameGraph },
      { status: 400, description: "unknown type or subtask index", schema: errorBody },
      unknownJob,
    ],
    handler: async ({ services, params, query }) => {
      const { job, vertex } = await vertexOf(services, params);
      const type = parseFlameGraphType(query.type);
      if (!type) throw badRequest(`type=${query.type}: a flame graph type is one of ${FLAME_GRAPH_TYPES.join(", ")}`);
      const subtask = query.subtaskindex;
      if (subtask !== undefined && subtask >= vertex.parallelism) {
        throw badRequest(`subtaskindex=${subtask}: vertex ${vertex.id} has subtasks 0 to ${vertex.parallelism - 1}`);
      }
      if (!services.flameGraphs) return { json: { endTimestamp: FLAME_GRAPH_DISABLED } };
      if (isTerminalExecutionState(vertex.status)) return { json: { endTimestamp: FLAME_GRAPH_TERMINATED } };
      const samples = services.flameGraphs.get(job.jid, vertex.id);
      return { json: samples ? flameGraphJson(samples, type, subtask) : { endTimestamp: FLAME_GRAPH_WAITING } };
    },
  }),
];
