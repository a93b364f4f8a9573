/**
 * What a job is and has, beyond its details: status, configuration, accumulators, the JobManager's
 * configuration and environment as the job sees them, and its resource requirements.
 */
import { readOption } from "../../config/config-option.js";
import { createRestartStrategy, restartStrategyFor } from "../../cluster/jobmaster/restart-strategy.js";
import type { RestartStrategyConfig } from "../../api/restart-strategy.js";
import type { JobDetails } from "../../cluster/messages.js";
import { defineRoute, type Route } from "../route.js";
import { configEntries, environmentInfo } from "../schemas/cluster-schemas.js";
import { errorBody } from "../schemas/common.js";
import { jobAccumulators, jobConfigInfo, jobResourceRequirements, jobStatusInfo } from "../schemas/job-info-schemas.js";
import { jobAccumulatorsJson } from "../views/accumulator-views.js";
import { configEntriesJson, environmentJson } from "../views/cluster-views.js";
import { jobIdParams, jobOf, unknownJob } from "./job-routes.js";
import { RestOptions } from "../rest-options.js";

const invalid = { status: 400, description: "invalid request", schema: errorBody };

function restartStrategyOf(d: JobDetails, config: Readonly<Record<string, string>>): string {
  const settings = d.jobGraph.settings as { restartStrategy?: RestartStrategyConfig; checkpointInterval?: number };
  try {
    return createRestartStrategy(restartStrategyFor(settings.restartStrategy, config, (settings.checkpointInterval ?? 0) > 0)).describe();
  } catch (e) {
    // The JobMaster refuses such a job; its configuration is still shown.
    return `invalid: ${(e as Error).message}`;
  }
}

export const jobInfoRoutes: Route[] = [
  defineRoute({
    method: "GET",
    path: "/jobs/:jobid/status",
    operationId: "getJobStatus",
    summary: "The job's state only",
    tags: ["jobs"],
    params: jobIdParams,
    responses: [{ status: 200, description: "the state", schema: jobStatusInfo }, invalid, unknownJob],
    handler: async ({ services, params }) => ({ json: { status: (await jobOf(services, params.jobid!)).state } }),
  }),
  defineRoute({
    method: "GET",
    path: "/jobs/:jobid/config",
    operationId: "getJobConfig",
    summary: "The job's execution configuration: restart strategy, parallelism, the configuration its definition saw",
    tags: ["jobs"],
    params: jobIdParams,
    responses: [{ status: 200, description: "the configuration", schema: jobConfigInfo }, invalid, unknownJob],
    handler: async ({ services, params }) => {
      const d = await jobOf(services, params.jobid!);
      const settings = d.jobGraph.settings;
      const parallelism = settings.parallelism ?? readOption(services.config, RestOptions.PARALLELISM_DEFAULT);
      return {
        json: {
          jid: d.jid,
          name: d.name,
          "execution-config": {
            "restart-strategy": restartStrategyOf(d, services.config),
            "job-parallelism": typeof parallelism === "number" ? parallelism : -1,
            "object-reuse-mode": false,
            // The settings the job's definition made (parallelism, checkpointing, state backend, …).
            "user-config": Object.fromEntries(Object.entries(settings).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)])),
          },
        },
      };
    },
  }),
  defineRoute<{ includeSerializedValue?: boolean }>({
    method: "GET",
    path: "/jobs/:jobid/accumulators",
    operationId: "getJobAccumulators",
    summary: "The job's accumulators, merged over all subtasks (as Flink's user-task-accumulators)",
    tags: ["jobs"],
    params: jobIdParams,
    query: { includeSerializedValue: { schema: { type: "boolean" }, description: "also give each value as JSON" } },
    responses: [{ status: 200, description: "the accumulators", schema: jobAccumulators }, invalid, unknownJob],
    handler: async ({ services, params, query }) => {
      const d = await jobOf(services, params.jobid!);
      return { json: jobAccumulatorsJson(d.vertices.flatMap((v) => v.subtasks), query.includeSerializedValue ?? false) };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/jobs/:jobid/jobmanager/config",
    operationId: "getJobJobManagerConfig",
    summary: "The configuration of the JobManager running the job, secrets redacted",
    tags: ["jobs"],
    params: jobIdParams,
    responses: [{ status: 200, description: "configuration entries", schema: configEntries }, invalid, unknownJob],
    handler: async ({ services, params }) => {
      await jobOf(services, params.jobid!);
      return { json: configEntriesJson(services.config) };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/jobs/:jobid/jobmanager/environment",
    operationId: "getJobJobManagerEnvironment",
    summary: "The runtime of the JobManager running the job",
    tags: ["jobs"],
    params: jobIdParams,
    responses: [{ status: 200, description: "the environment", schema: environmentInfo }, invalid, unknownJob],
    handler: async ({ services, params }) => {
      await jobOf(services, params.jobid!);
      return { json: environmentJson() };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/jobs/:jobid/resource-requirements",
    operationId: "getJobResourceRequirements",
    summary: "Parallelism bounds per vertex",
    tags: ["jobs"],
    params: jobIdParams,
    responses: [{ status: 200, description: "the requirements", schema: jobResourceRequirements }, invalid, unknownJob],
    handler: async ({ services, params }) => {
      const d = await jobOf(services, params.jobid!);
      return { json: Object.fromEntries(d.vertices.map((v) => [v.id, { parallelism: { lowerBound: 1, upperBound: v.parallelism } }])) };
    },
  }),
];
