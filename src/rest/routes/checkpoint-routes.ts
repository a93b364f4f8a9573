/**
 * Checkpoint and savepoint routes, answered through the RestfulGateway's checkpoint queries
 * (src/cluster/dispatcher/restful-gateway.ts). Savepoints run as asynchronous operations polled at
 * /jobs/:jobid/savepoints/:triggerid, as in Flink (stop-with-savepoint uses the same).
 */
import { readOption } from "../../config/config-option.js";
import { StateBackendOptions } from "../../runtime/state/state-backend-options.js";
import { isGloballyTerminal } from "../../cluster/messages.js";
import { conflict, defineRoute, notFound, type Route } from "../route.js";
import type { RestServices } from "../services.js";
import { errorBody, triggerIdParam, triggerResponse } from "../schemas/common.js";
import {
  asynchronousOperationResult,
  checkpointConfig,
  checkpointingStatistics,
  savepointTriggerRequest,
  stopRequest,
  type SavepointTriggerRequest,
  type StopRequest,
} from "../schemas/checkpoint-schemas.js";
import { checkpointConfigJson, checkpointStatsJson, operationJson } from "../views/checkpoint-views.js";
import { jobIdParams, jobOf, unknownJob } from "./job-routes.js";
import { resolveInsideRoots } from "./savepoint-target.js";

const invalid = { status: 400, description: "invalid request", schema: errorBody };
const ended = { status: 409, description: "the job has already ended", schema: errorBody };

async function runningJob(services: RestServices, jobId: string): Promise<string> {
  const job = await jobOf(services, jobId);
  if (isGloballyTerminal(job.state)) throw conflict(`job ${job.jid} has already ended (${job.state})`);
  return job.jid;
}

export const checkpointRoutes: Route[] = [
  defineRoute({
    method: "GET",
    path: "/jobs/:jobid/checkpoints",
    operationId: "getJobCheckpoints",
    summary: "Checkpoint counts, summary, latest and history",
    tags: ["checkpoints"],
    params: jobIdParams,
    responses: [{ status: 200, description: "checkpoint statistics", schema: checkpointingStatistics }, invalid, unknownJob],
    handler: async ({ services, params }) => ({ json: checkpointStatsJson(await services.dispatcher.requestCheckpointStats(params.jobid!)) }),
  }),
  defineRoute({
    method: "GET",
    path: "/jobs/:jobid/checkpoints/config",
    operationId: "getJobCheckpointConfig",
    summary: "Checkpoint settings of the job (404 when checkpointing is disabled, as in Flink)",
    tags: ["checkpoints"],
    params: jobIdParams,
    responses: [{ status: 200, description: "checkpoint configuration", schema: checkpointConfig }, invalid, { ...unknownJob, description: "unknown job, or checkpointing disabled" }],
    handler: async ({ services, params }) => {
      const config = await services.dispatcher.requestCheckpointConfig(params.jobid!);
      if (config.intervalMs <= 0) throw notFound(`checkpointing is not enabled for job ${params.jobid}`);
      return { json: checkpointConfigJson(config, readOption(services.config, StateBackendOptions.TYPE) ?? "hashmap") };
    },
  }),
  defineRoute<Record<string, never>, SavepointTriggerRequest | undefined>({
    method: "POST",
    path: "/jobs/:jobid/savepoints",
    operationId: "triggerSavepoint",
    summary: "Trigger a savepoint (optionally cancelling the job after it); poll the returned request-id",
    tags: ["checkpoints"],
    params: jobIdParams,
    body: { kind: "json", schema: savepointTriggerRequest, required: false, description: "target directory, cancel-job, format" },
    responses: [{ status: 202, description: "savepoint triggered", schema: triggerResponse }, invalid, unknownJob, ended],
    handler: async ({ services, params, body }) => {
      const req = body ?? {};
      const targetDirectory = resolveInsideRoots(req["target-directory"], services.settings.savepointRoots, "target-directory");
      const jobId = await runningJob(services, params.jobid!);
      const cancelJob = req["cancel-job"] ?? false;
      const id = services.operations.start(
        jobId,
        async () => {
          const location = await services.dispatcher.triggerSavepoint(jobId, targetDirectory);
          // Flink's cancel-with-savepoint: cancel once the savepoint is complete.
          if (cancelJob) await services.dispatcher.cancelJob(jobId);
          return { location };
        },
        req.triggerId ?? undefined,
      );
      return { status: 202, json: { "request-id": id } };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/jobs/:jobid/savepoints/:triggerid",
    operationId: "getSavepointStatus",
    summary: "Status of a savepoint or stop operation: IN_PROGRESS, then its location or failure cause",
    tags: ["checkpoints"],
    params: { ...jobIdParams, triggerid: { schema: triggerIdParam, description: "request-id from the trigger" } },
    responses: [{ status: 200, description: "operation status", schema: asynchronousOperationResult }, invalid, { ...unknownJob, description: "no such operation for this job" }],
    handler: async ({ services, params }) => {
      const state = services.operations.get(params.jobid!, params.triggerid!);
      if (!state) throw notFound(`no savepoint operation ${params.triggerid} for job ${params.jobid} (operations are kept for 5 minutes after they end)`);
      return { json: operationJson(state) };
    },
  }),
  defineRoute<Record<string, never>, StopRequest | undefined>({
    method: "POST",
    path: "/jobs/:jobid/stop",
    operationId: "stopJobWithSavepoint",
    summary: "Stop the job with a savepoint (drain: emit MAX_WATERMARK first); poll /jobs/:jobid/savepoints/:triggerid",
    tags: ["checkpoints"],
    params: jobIdParams,
    body: { kind: "json", schema: stopRequest, required: false, description: "target directory, drain, format" },
    responses: [{ status: 202, description: "stop triggered", schema: triggerResponse }, invalid, unknownJob, ended],
    handler: async ({ services, params, body }) => {
      const req = body ?? {};
      const targetDirectory = resolveInsideRoots(req.targetDirectory, services.settings.savepointRoots, "targetDirectory");
      const jobId = await runningJob(services, params.jobid!);
      const id = services.operations.start(
        jobId,
        async () => ({ location: await services.dispatcher.stopWithSavepoint(jobId, targetDirectory, req.drain ?? false) }),
        req.triggerId ?? undefined,
      );
      return { status: 202, json: { "request-id": id } };
    },
  }),
];
