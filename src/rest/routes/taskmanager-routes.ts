/**
 * TaskManager routes: the registered TaskManagers, one with its memory, and its logs. Logs and
 * memory are asked of the TaskManager itself through the ResourceManager (docs/architecture.md,
 * "Logs"), so they are readable wherever the TaskManager runs.
 */
import { defineRoute, notFound, type Route } from "../route.js";
import type { RestServices } from "../services.js";
import { errorBody } from "../schemas/common.js";
import { logList } from "../schemas/cluster-schemas.js";
import { taskManagerDetails, taskManagersList } from "../schemas/taskmanager-schemas.js";
import { taskManagerDetailsJson, taskManagerJson } from "../views/taskmanager-views.js";
import { SAFE_FILE_NAME } from "../../util/contained-path.js";
import type { LogRequest, LogTail } from "../../cluster/logs/log-files.js";

const TM_ID = { type: "string", pattern: "^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$" } as const;
const tmParams = { taskmanagerid: { schema: TM_ID, description: "TaskManager id" } };
const unknownTm = { status: 404, description: "no such TaskManager, or no such log", schema: errorBody };
/** What one answer carries of a TaskManager's log: its end, well below the RPC frame size (pekko.framesize). */
export const TASKMANAGER_LOG_MAX_BYTES = 16 * 1024 * 1024;
const text = { status: 200, description: "log text (its last 16 MiB)", contentType: "text/plain" };

async function logText(services: RestServices, taskManagerId: string, which: LogRequest, missing: string): Promise<{ text: string; contentType: string }> {
  const tail: LogTail | undefined = await services.dispatcher.requestTaskManagerLog(taskManagerId, which, TASKMANAGER_LOG_MAX_BYTES);
  if (!tail) throw notFound(missing);
  const omitted = tail.omittedBytes > 0 ? `[the first ${tail.omittedBytes} bytes are left out; the whole file is on the TaskManager's host]\n` : "";
  return { text: omitted + tail.text, contentType: "text/plain; charset=utf-8" };
}

export const taskManagerRoutes: Route[] = [
  defineRoute({
    method: "GET",
    path: "/taskmanagers",
    operationId: "listTaskManagers",
    summary: "Registered TaskManagers with their slots, resources and memory configuration",
    tags: ["taskmanagers"],
    responses: [{ status: 200, description: "TaskManagers", schema: taskManagersList }],
    handler: async ({ services }) => ({ json: { taskmanagers: (await services.dispatcher.requestTaskManagers()).map(taskManagerJson) } }),
  }),
  defineRoute({
    method: "GET",
    path: "/taskmanagers/:taskmanagerid",
    operationId: "getTaskManager",
    summary: "One TaskManager with the jobs holding its slots and its memory now",
    tags: ["taskmanagers"],
    params: tmParams,
    responses: [{ status: 200, description: "the TaskManager", schema: taskManagerDetails }, unknownTm],
    handler: async ({ services, params }) => {
      const t = (await services.dispatcher.requestTaskManagers()).find((x) => x.id === params.taskmanagerid);
      if (!t) throw notFound(`TaskManager ${params.taskmanagerid} is not registered`);
      return { json: taskManagerDetailsJson(t, await services.dispatcher.requestTaskManagerMemory(t.id)) };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/taskmanagers/:taskmanagerid/logs",
    operationId: "listTaskManagerLogs",
    summary: "Log files of a TaskManager (its log directory, its log and stdout files)",
    tags: ["taskmanagers"],
    params: tmParams,
    responses: [{ status: 200, description: "log files", schema: logList }, unknownTm],
    handler: async ({ services, params }) => ({ json: { logs: await services.dispatcher.requestTaskManagerLogList(params.taskmanagerid!) } }),
  }),
  defineRoute({
    method: "GET",
    path: "/taskmanagers/:taskmanagerid/logs/:logname",
    operationId: "getTaskManagerLogFile",
    summary: "One log file of a TaskManager, by a name from its /logs",
    tags: ["taskmanagers"],
    params: { ...tmParams, logname: { schema: { type: "string", pattern: SAFE_FILE_NAME }, description: "file name, no path" } },
    responses: [text, unknownTm],
    handler: async ({ services, params }) => logText(services, params.taskmanagerid!, { file: params.logname! }, `TaskManager ${params.taskmanagerid} has no log file ${params.logname}`),
  }),
  defineRoute({
    method: "GET",
    path: "/taskmanagers/:taskmanagerid/log",
    operationId: "getTaskManagerLog",
    summary: "A TaskManager's main log",
    tags: ["taskmanagers"],
    params: tmParams,
    responses: [text, unknownTm],
    handler: async ({ services, params }) => logText(services, params.taskmanagerid!, { main: "log" }, `TaskManager ${params.taskmanagerid} keeps no log`),
  }),
  defineRoute({
    method: "GET",
    path: "/taskmanagers/:taskmanagerid/stdout",
    operationId: "getTaskManagerStdout",
    summary: "What a TaskManager's process (and the user code in it) wrote to stdout",
    tags: ["taskmanagers"],
    params: tmParams,
    responses: [text, unknownTm],
    handler: async ({ services, params }) =>
      logText(services, params.taskmanagerid!, { main: "stdout" }, `TaskManager ${params.taskmanagerid} writes its stdout to no file (started by \`sluice cluster start\` or a JobManager, it does)`),
  }),
];
