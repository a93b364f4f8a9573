/** Job routes: listing, submission (POST /jobs), details, cancellation, exceptions, execution result. */
import { BlobIntegrityError, hashBundle } from "../../cluster/blob/blob-server.js";
import { JobSubmissionError } from "../../cluster/dispatcher/dispatcher-errors.js";
import { isGloballyTerminal, type JobBundle, type JobDetails, type JobSubmission } from "../../cluster/messages.js";
import type { JobGraph } from "../../graph/job-graph.js";
import type { DefinitionInputs } from "../../runtime/tasks/deployment.js";
import { badRequest, conflict, defineRoute, RestError, type Route } from "../route.js";
import type { RestServices } from "../services.js";
import { errorBody, jobIdParam, object } from "../schemas/common.js";
import { jobDetails, jobExceptions, jobExecutionResult, jobIdsList, jobPlan, jobSubmitResponse, multipleJobsDetails } from "../schemas/job-schemas.js";
import { jobSubmitRequest } from "../schemas/submission-schemas.js";
import { exceptionsJson, executionResultJson, jobDetailsJson, jobOverviewJson, planJson } from "../views/job-views.js";
import { jobGraphProblems } from "./validate-job-graph.js";
import { resolveInsideRoots } from "./savepoint-target.js";

export const jobIdParams = { jobid: { schema: jobIdParam, description: "job id" } };
export const unknownJob = { status: 404, description: "no job with this id", schema: errorBody };
const invalid = { status: 400, description: "invalid request", schema: errorBody };

export async function jobOf(services: RestServices, jobId: string): Promise<JobDetails> {
  return services.dispatcher.requestJob(jobId);
}

async function allJobs(services: RestServices): Promise<JobDetails[]> {
  const list = await services.dispatcher.listJobs();
  const details: JobDetails[] = [];
  for (const j of list) details.push(await jobOf(services, j.jobId));
  return details;
}

/**
 * Submits a job. The request has passed its schema by now, so what the Dispatcher still refuses
 * (settings it cannot use, a savepoint it cannot read) is about this submission: a 400 with the
 * Dispatcher's reason, not a server error.
 */
export async function submitOrRefuse(services: RestServices, submission: JobSubmission, bundle: JobBundle, jobId?: string): Promise<{ jobId: string }> {
  try {
    return await services.dispatcher.submitJob(submission, bundle, jobId);
  } catch (e) {
    // Only the Dispatcher's verdict on the submission is the client's fault; anything else is a 500.
    if (e instanceof JobSubmissionError || e instanceof BlobIntegrityError) throw badRequest(`the job was not accepted: ${e.message}`);
    throw e;
  }
}

interface SubmitBody {
  jobGraph: JobGraph;
  bundle: JobBundle;
  definition: DefinitionInputs;
  savepointPath?: string;
  allowNonRestoredState?: boolean;
}

export const jobRoutes: Route[] = [
  defineRoute({
    method: "GET",
    path: "/jobs",
    operationId: "listJobIds",
    summary: "Ids and states of all jobs",
    tags: ["jobs"],
    responses: [{ status: 200, description: "jobs", schema: jobIdsList }],
    handler: async ({ services }) => ({ json: { jobs: (await services.dispatcher.listJobs()).map((j) => ({ id: j.jobId, status: j.state })) } }),
  }),
  defineRoute({
    method: "GET",
    path: "/jobs/overview",
    operationId: "listJobOverviews",
    summary: "All jobs with times and task counts",
    tags: ["jobs"],
    responses: [{ status: 200, description: "job overviews, newest first", schema: multipleJobsDetails }],
    handler: async ({ services }) => ({ json: { jobs: (await allJobs(services)).sort((a, b) => b.startTime - a.startTime).map(jobOverviewJson) } }),
  }),
  defineRoute<Record<string, never>, SubmitBody>({
    method: "POST",
    path: "/jobs",
    operationId: "submitJob",
    summary: "Submit a job built by the client: bundle, JobGraph and definition inputs",
    tags: ["jobs"],
    body: { kind: "json", schema: jobSubmitRequest, required: true, description: "the job", maxBytes: "upload" },
    responses: [{ status: 202, description: "the job was accepted", schema: jobSubmitResponse }, invalid],
    handler: async ({ services, body }) => {
      const problems = jobGraphProblems(body.jobGraph);
      if (problems.length) throw new RestError(400, problems);
      if (hashBundle(body.bundle.code) !== body.bundle.hash) throw badRequest("bundle.hash: is not the SHA-256 of bundle.code");
      const savepointPath = resolveInsideRoots(body.savepointPath, services.settings.restoreRoots, "savepointPath");
      const submission: JobSubmission = { jobGraph: body.jobGraph, bundleHash: body.bundle.hash, definition: body.definition };
      if (savepointPath) {
        submission.savepointPath = savepointPath;
        submission.allowNonRestoredState = body.allowNonRestoredState ?? false;
      }
      const { jobId } = await submitOrRefuse(services, submission, body.bundle);
      return { status: 202, json: { jobUrl: `/jobs/${jobId}`, jobid: jobId } };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/jobs/:jobid",
    operationId: "getJob",
    summary: "A job with its vertices, status counts, timestamps and plan",
    tags: ["jobs"],
    params: jobIdParams,
    responses: [{ status: 200, description: "the job", schema: jobDetails }, invalid, unknownJob],
    handler: async ({ services, params }) => ({ json: jobDetailsJson(await jobOf(services, params.jobid!)) }),
  }),
  defineRoute<{ mode?: string }>({
    method: "PATCH",
    path: "/jobs/:jobid",
    operationId: "cancelJob",
    summary: "Cancel a job (mode=cancel)",
    tags: ["jobs"],
    params: jobIdParams,
    query: { mode: { schema: { type: "string", maxLength: 100 }, description: "cancel, in any case (Flink's stop mode is POST /jobs/:jobid/stop)" } },
    responses: [
      { status: 202, description: "cancellation started", schema: object({}) },
      { status: 409, description: "the job has already ended", schema: errorBody },
      invalid,
      unknownJob,
    ],
    handler: async ({ services, params, query }) => {
      // Flink's clients send CANCEL or cancel.
      if (query.mode !== undefined && query.mode.toLowerCase() !== "cancel") {
        throw badRequest(`query parameter mode: must be one of "cancel" (in any case), got "${query.mode.slice(0, 100)}"; stop a job with POST /jobs/:jobid/stop`);
      }
      if (!services.settings.webCancel) throw new RestError(403, ["cancelling jobs through the REST API is disabled (web.cancel.enable: false)"]);
      const job = await jobOf(services, params.jobid!);
      if (isGloballyTerminal(job.state)) throw conflict(`job ${job.jid} has already ended (${job.state})`);
      await services.dispatcher.cancelJob(job.jid);
      return { status: 202, json: {} };
    },
  }),
  defineRoute<{ maxExceptions?: number }>({
    method: "GET",
    path: "/jobs/:jobid/exceptions",
    operationId: "getJobExceptions",
    summary: "The job's exception history, most recent first",
    tags: ["jobs"],
    params: jobIdParams,
    query: { maxExceptions: { schema: { type: "integer", minimum: 1, maximum: 10_000 }, description: "how many entries at most (default 20)" } },
    responses: [{ status: 200, description: "exception history", schema: jobExceptions }, invalid, unknownJob],
    handler: async ({ services, params, query }) => {
      await jobOf(services, params.jobid!);
      return { json: exceptionsJson(await services.dispatcher.requestExceptions(params.jobid!), query.maxExceptions ?? 20) };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/jobs/:jobid/plan",
    operationId: "getJobPlan",
    summary: "The job's dataflow plan (vertices and their inputs)",
    tags: ["jobs"],
    params: jobIdParams,
    responses: [{ status: 200, description: "the plan", schema: object({ plan: jobPlan }) }, invalid, unknownJob],
    handler: async ({ services, params }) => ({ json: { plan: planJson(await jobOf(services, params.jobid!)) } }),
  }),
  defineRoute({
    method: "GET",
    path: "/jobs/:jobid/execution-result",
    operationId: "getJobExecutionResult",
    summary: "The result of an ended job: status, failure cause, collected records (IN_PROGRESS while it runs)",
    tags: ["jobs"],
    params: jobIdParams,
    responses: [{ status: 200, description: "the result", schema: jobExecutionResult }, invalid, unknownJob],
    handler: async ({ services, params }) => {
      const job = await jobOf(services, params.jobid!);
      const result = isGloballyTerminal(job.state) ? await services.dispatcher.requestJobResult(job.jid) : undefined;
      return { json: executionResultJson(job.state, result) };
    },
  }),
];
