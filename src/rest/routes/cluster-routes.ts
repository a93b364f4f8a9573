/** Cluster-level routes: overview, dashboard configuration, TaskManagers, the JobManager's config and logs. */
import { FLINK_COMPATIBILITY_VERSION, FLINK_REVISION, SLUICE_VERSION } from "../../version.js";
import { conflict, defineRoute, notFound, type Route, type RouteResult } from "../route.js";
import { errorBody, object } from "../schemas/common.js";
import { ClusterShutdownRefusedError } from "../../cluster/dispatcher/dispatcher-errors.js";
import { clusterOverview, configEntries, dashboardConfig, environmentInfo, logList } from "../schemas/cluster-schemas.js";
import { SAFE_FILE_NAME } from "../../util/contained-path.js";
import type { LogContent } from "../../cluster/logs/log-files.js";
import { clusterOverviewJson, configEntriesJson, environmentJson } from "../views/cluster-views.js";

const notFoundResponse = { status: 404, description: "no such resource", schema: errorBody };

export function logResult(content: LogContent): RouteResult {
  const contentType = "text/plain; charset=utf-8";
  return "text" in content ? { text: content.text, contentType } : { stream: content.stream, contentType, length: content.length };
}

export const clusterRoutes: Route[] = [
  defineRoute({
    method: "GET",
    path: "/overview",
    operationId: "getClusterOverview",
    summary: "TaskManagers, slots and jobs by state",
    tags: ["cluster"],
    responses: [{ status: 200, description: "the cluster overview", schema: clusterOverview }],
    handler: async ({ services }) => ({ json: clusterOverviewJson(await services.dispatcher.requestClusterOverview()) }),
  }),
  defineRoute({
    method: "GET",
    path: "/config",
    operationId: "getDashboardConfig",
    summary: "Settings of the web dashboard (open without a token, so the dashboard can ask for one)",
    tags: ["cluster"],
    auth: "none",
    responses: [{ status: 200, description: "dashboard configuration", schema: dashboardConfig }],
    handler: async ({ services }) => {
      const s = services.settings;
      const offsetMinutes = -new Date().getTimezoneOffset();
      return {
        json: {
          "refresh-interval": s.refreshIntervalMs,
          "timezone-name": Intl.DateTimeFormat().resolvedOptions().timeZone,
          "timezone-offset": offsetMinutes * 60_000,
          "sluice-version": SLUICE_VERSION,
          "flink-version": FLINK_COMPATIBILITY_VERSION,
          "flink-revision": FLINK_REVISION,
          features: { "web-submit": s.webSubmit, "web-cancel": s.webCancel, "web-history": false, "web-rescale": false },
          auth: { "token-required-for-writes": s.access.token !== undefined, "token-required-for-reads": s.access.token !== undefined && s.access.tokenForReads },
        },
      };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/jobmanager/config",
    operationId: "getJobManagerConfig",
    summary: "The JobManager's configuration, secrets redacted",
    tags: ["jobmanager"],
    responses: [{ status: 200, description: "configuration entries", schema: configEntries }],
    handler: async ({ services }) => ({ json: configEntriesJson(services.config) }),
  }),
  defineRoute({
    method: "GET",
    path: "/jobmanager/environment",
    operationId: "getJobManagerEnvironment",
    summary: "The JobManager's runtime: Node.js version, architecture, process options",
    tags: ["jobmanager"],
    responses: [{ status: 200, description: "the environment", schema: environmentInfo }],
    handler: async () => ({ json: environmentJson() }),
  }),
  defineRoute({
    method: "GET",
    path: "/jobmanager/logs",
    operationId: "listJobManagerLogs",
    summary: "Log files of the JobManager",
    tags: ["jobmanager"],
    responses: [{ status: 200, description: "log files", schema: logList }],
    handler: async ({ services }) => ({ json: { logs: services.logs.list() } }),
  }),
  defineRoute({
    method: "GET",
    path: "/jobmanager/log",
    operationId: "getJobManagerLog",
    summary: "The JobManager's main log",
    tags: ["jobmanager"],
    responses: [{ status: 200, description: "log text", contentType: "text/plain" }],
    handler: async ({ services }) => logResult(services.logs.main()),
  }),
  defineRoute({
    method: "GET",
    path: "/jobmanager/stdout",
    operationId: "getJobManagerStdout",
    summary: "What the JobManager process wrote to stdout (empty when its stdout is not a file)",
    tags: ["jobmanager"],
    responses: [{ status: 200, description: "stdout text", contentType: "text/plain" }],
    handler: async ({ services }) => logResult(services.logs.stdout() ?? { text: "" }),
  }),
  defineRoute({
    method: "GET",
    path: "/jobmanager/logs/:logname",
    operationId: "getJobManagerLogFile",
    summary: "One log file, by a name from /jobmanager/logs (resolved only inside the log directory)",
    tags: ["jobmanager"],
    params: { logname: { schema: { type: "string", pattern: SAFE_FILE_NAME }, description: "file name, no path" } },
    responses: [{ status: 200, description: "log text", contentType: "text/plain" }, notFoundResponse],
    handler: async ({ services, params }) => {
      const content = services.logs.open(params.logname!);
      if (!content) throw notFound(`no log file ${params.logname}`);
      return logResult(content);
    },
  }),
  defineRoute({
    method: "DELETE",
    path: "/cluster",
    operationId: "shutDownCluster",
    summary: "Shut the cluster down (the JobManager process exits after answering; its TaskManagers follow when it started them)",
    tags: ["cluster"],
    responses: [{ status: 200, description: "shutting down", schema: object({}) }, { status: 409, description: "an embedded cluster, which its program stops", schema: errorBody }],
    handler: async ({ services }) => {
      try {
        await services.dispatcher.shutDownCluster();
      } catch (e) {
        if (e instanceof ClusterShutdownRefusedError) throw conflict(e.message);
        throw e;
      }
      return { json: {} };
    },
  }),
];
