/**
 * Checkpoint and savepoint routes, answered through the RestfulGateway's checkpoint queries
 * (src/cluster/dispatcher/restful-gateway.ts). Savepoints run as asynchronous operations polled at
 * /jobs/:jobid/savepoints/:triggerid, as in Flink (stop-with-savepoint uses the same).
 */
import { readOption } from "../../config/config-option.js";
import { StateBackendOptions } from "../../runtime/state/state-backend-options.js";
import { StateChangelogOptions } from "../../runtime/state/changelog/state-changelog-options.js";
import { isGloballyTerminal } from "../../cluster/messages.js";
import { resolve } from "node:path";
import { badRequest, conflict, defineRoute, notFound, type Route } from "../route.js";
import { CLUSTER_OPERATIONS } from "../async-operations.js";
import type { RestServices } from "../services.js";
import { errorBody, triggerIdParam, triggerResponse } from "../schemas/common.js";
import {
  asynchronousOperationResult,
  checkpointConfig,
  checkpointEntry,
  checkpointingStatistics,
  checkpointTriggerRequest,
  checkpointTriggerResult,
  savepointDisposalRequest,
  savepointTriggerRequest,
  stopRequest,
  type SavepointDisposalRequest,
  vertexCheckpointDetails,
  type CheckpointTriggerRequest,
  type SavepointTriggerRequest,
  type StopRequest,
} from "../schemas/checkpoint-schemas.js";
import { checkpointConfigJson, checkpointEntryJson, checkpointStatsJson, operationJson, vertexCheckpointDetailsJson } from "../views/checkpoint-views.js";
import { vertexIdParam } from "../schemas/common.js";
import type { CheckpointDetails } from "../../cluster/dispatcher/restful-gateway.js";
import { jobIdParams, jobOf, unknownJob } from "./job-routes.js";
import { resolveInsideRoots } from "./savepoint-target.js";

const invalid = { status: 400, description: "invalid request", schema: errorBody };
const ended = { status: 409, description: "the job has already ended", schema: errorBody };

const checkpointIdParams = { ...jobIdParams, checkpointid: { schema: { type: "integer", minimum: 0, maximum: Number.MAX_SAFE_INTEGER } as const, description: "checkpoint id (from the history)" } };
const unknownCheckpoint = { ...unknownJob, description: "no such job, or the checkpoint is not in the job's history (the last 10)" };

/** Checkpoint triggers are kept apart from the job's savepoint operations (their ids answer only at their own endpoint). */
const checkpointOperations = (jobId: string): string => `${jobId}/checkpoints`;

async function checkpointDetails(services: RestServices, p: Record<string, string>): Promise<CheckpointDetails> {
  const jobId = (await jobOf(services, p.jobid!)).jid;
  const details = await services.dispatcher.requestCheckpointDetails(jobId, Number(p.checkpointid));
  if (!details) throw notFound(`job ${jobId} has no checkpoint ${p.checkpointid} in its history (it keeps the last 10)`);
  return details;
}

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
      const changelog = readOption(services.config, StateChangelogOptions.ENABLED) || readOption(services.config, StateChangelogOptions.INCREMENTAL);
      const materializeMs = changelog ? readOption(services.config, StateChangelogOptions.PERIODIC_MATERIALIZE_INTERVAL) : undefined;
      return { json: checkpointConfigJson(config, readOption(services.config, StateBackendOptions.TYPE) ?? "hashmap", materializeMs) };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/jobs/:jobid/checkpoints/details/:checkpointid",
    operationId: "getJobCheckpointDetails",
    summary: "One checkpoint of the history, with its per-vertex figures",
    tags: ["checkpoints"],
    params: checkpointIdParams,
    responses: [{ status: 200, description: "the checkpoint", schema: checkpointEntry }, invalid, unknownCheckpoint],
    handler: async ({ services, params }) => ({ json: checkpointEntryJson((await checkpointDetails(services, params)).entry) }),
  }),
  defineRoute({
    method: "GET",
    path: "/jobs/:jobid/checkpoints/details/:checkpointid/subtasks/:vertexid",
    operationId: "getJobCheckpointVertexDetails",
    summary: "One vertex's part of a checkpoint, subtask by subtask",
    tags: ["checkpoints"],
    params: { ...checkpointIdParams, vertexid: { schema: vertexIdParam, description: "vertex id" } },
    responses: [{ status: 200, description: "the vertex's part", schema: vertexCheckpointDetails }, invalid, unknownCheckpoint],
    handler: async ({ services, params }) => {
      const json = vertexCheckpointDetailsJson(await checkpointDetails(services, params), params.vertexid!);
      if (!json) throw notFound(`checkpoint ${params.checkpointid} of job ${params.jobid} has no vertex ${params.vertexid}`);
      return { json };
    },
  }),
  defineRoute<Record<string, never>, CheckpointTriggerRequest | undefined>({
    method: "POST",
    path: "/jobs/:jobid/checkpoints",
    operationId: "triggerCheckpoint",
    summary: "Trigger a checkpoint now; poll the returned request-id",
    tags: ["checkpoints"],
    params: jobIdParams,
    body: { kind: "json", schema: checkpointTriggerRequest, required: false, description: "checkpoint type (accepted; always full), trigger id" },
    responses: [{ status: 202, description: "checkpoint triggered", schema: triggerResponse }, invalid, unknownJob, ended],
    handler: async ({ services, params, body }) => {
      const jobId = await runningJob(services, params.jobid!);
      const id = services.operations.start(checkpointOperations(jobId), async () => ({ checkpointId: (await services.dispatcher.triggerCheckpoint(jobId)).checkpointId }), body?.triggerId ?? undefined);
      return { status: 202, json: { "request-id": id } };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/jobs/:jobid/checkpoints/:triggerid",
    operationId: "getCheckpointTriggerStatus",
    summary: "Status of a triggered checkpoint: IN_PROGRESS, then its id or failure cause",
    tags: ["checkpoints"],
    params: { ...jobIdParams, triggerid: { schema: triggerIdParam, description: "request-id from the trigger" } },
    responses: [{ status: 200, description: "operation status", schema: checkpointTriggerResult }, invalid, { ...unknownJob, description: "no such operation for this job" }],
    handler: async ({ services, params }) => {
      const state = services.operations.get(checkpointOperations(params.jobid!), params.triggerid!);
      if (!state) throw notFound(`no checkpoint operation ${params.triggerid} for job ${params.jobid} (operations are kept for 5 minutes after they end)`);
      return { json: operationJson(state, "failureCause") };
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
  defineRoute<Record<string, never>, SavepointDisposalRequest>({
    method: "POST",
    path: "/savepoint-disposal",
    operationId: "disposeSavepoint",
    summary: "Delete a savepoint (or retained checkpoint) folder; poll the returned request-id",
    tags: ["checkpoints"],
    body: { kind: "json", schema: savepointDisposalRequest, required: true, description: "the savepoint's path" },
    responses: [{ status: 200, description: "disposal started", schema: triggerResponse }, invalid],
    handler: async ({ services, body }) => {
      const path = resolveInsideRoots(body["savepoint-path"], services.settings.restoreRoots, "savepoint-path")!;
      // A root itself is never a savepoint: refusing it here keeps a mistake from emptying the savepoint directory.
      if (services.settings.restoreRoots.some((root) => resolve(root) === path)) throw badRequest(`savepoint-path: ${path} is a savepoint directory, not one savepoint`);
      const id = services.operations.start(CLUSTER_OPERATIONS, async () => {
        await services.dispatcher.disposeSavepoint(path);
        return {};
      });
      return { json: { "request-id": id } };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/savepoint-disposal/:triggerid",
    operationId: "getSavepointDisposalStatus",
    summary: "Status of a savepoint disposal: IN_PROGRESS, then done or its failure cause",
    tags: ["checkpoints"],
    params: { triggerid: { schema: triggerIdParam, description: "request-id from the disposal" } },
    responses: [{ status: 200, description: "operation status", schema: asynchronousOperationResult }, invalid, { status: 404, description: "no such operation", schema: errorBody }],
    handler: async ({ services, params }) => {
      const state = services.operations.get(CLUSTER_OPERATIONS, params.triggerid!);
      if (!state) throw notFound(`no savepoint disposal ${params.triggerid} (operations are kept for 5 minutes after they end)`);
      return { json: operationJson(state) };
    },
  }),
];
