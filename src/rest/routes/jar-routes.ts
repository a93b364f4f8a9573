/**
 * Jar routes: upload a prebuilt bundle, list and delete uploads, and run one. Running evaluates the
 * bundle's job definition into a JobGraph in a resource-limited worker (bundle-evaluator.ts), so a
 * hostile or broken bundle fails its own request and nothing else.
 */
import { RestOptions } from "../rest-options.js";
import { hashBundle } from "../../cluster/blob/blob-server.js";
import type { DefinitionInputs } from "../../runtime/tasks/deployment.js";
import type { JobSubmission } from "../../cluster/messages.js";
import { resolveInsideRoots } from "./savepoint-target.js";
import { submitOrRefuse } from "./job-routes.js";
import { badRequest, defineRoute, notFound, RestError, type Route } from "../route.js";
import type { RestServices } from "../services.js";
import { errorBody, object } from "../schemas/common.js";
import {
  jarIdParam,
  jarList,
  jarPlanQuery,
  jarPlanRequest,
  jarRunQuery,
  jarRunRequest,
  jarRunResponse,
  jarUploadResponse,
  type JarPlanRequest,
  type JarQuery,
  type JarRunRequest,
} from "../schemas/jar-schemas.js";
import { jobPlan } from "../schemas/job-schemas.js";
import { planJson } from "../views/job-views.js";
import type { JobGraph } from "../../graph/job-graph.js";
import { randomBytes } from "node:crypto";
import { InvalidJarError } from "../jars/jar-store.js";
import { BundleEvaluationError, EvaluatorBusyError } from "../jars/bundle-evaluator.js";

const jarParams = { jarid: { schema: jarIdParam, description: "jar id from /jars/upload" } };
const invalid = { status: 400, description: "invalid request", schema: errorBody };
const unknownJar = { status: 404, description: "no jar with this id", schema: errorBody };
const busy = { status: 429, description: "too many definitions being evaluated; retry", schema: errorBody };

function requireSubmit(services: RestServices): void {
  if (!services.settings.webSubmit) throw new RestError(403, ["job submission through jars is disabled (web.submit.enable: false)"]);
}

export function splitProgramArgs(s: string): string[] {
  // Flink splits at whitespace, keeping quoted groups together.
  const out: string[] = [];
  for (const m of s.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g)) out.push(m[1]?.replace(/\\(.)/g, "$1") ?? m[2] ?? m[3]!);
  return out;
}

export const jarRoutes: Route[] = [
  defineRoute({
    method: "POST",
    path: "/jars/upload",
    operationId: "uploadJar",
    summary: "Upload a prebuilt job bundle (multipart/form-data, file field `jarfile`); stored by content hash",
    tags: ["jars"],
    body: { kind: "multipart", fileField: "jarfile", description: "the bundle produced by `bundleJob` / esbuild (one ES module)" },
    responses: [
      { status: 200, description: "stored", schema: jarUploadResponse },
      invalid,
      { status: 413, description: "larger than rest.upload.max-bytes", schema: errorBody },
    ],
    handler: async ({ services, parts }) => {
      requireSubmit(services);
      const file = parts.find((p) => p.name === "jarfile") ?? parts.find((p) => p.filename !== undefined);
      if (!file) throw badRequest("the upload has no file part (expected a form field named jarfile)");
      try {
        const info = services.jars.put(file.data, file.filename);
        return { json: { filename: info.id, status: "success" } };
      } catch (e) {
        if (e instanceof InvalidJarError) throw badRequest(e.message);
        throw e;
      }
    },
  }),
  defineRoute({
    method: "GET",
    path: "/jars",
    operationId: "listJars",
    summary: "Uploaded bundles",
    tags: ["jars"],
    responses: [{ status: 200, description: "uploaded bundles, newest first", schema: jarList }],
    handler: async ({ services, baseUrl }) => ({
      json: { address: baseUrl, files: services.jars.list().map((j) => ({ id: j.id, name: j.name, uploaded: j.uploaded, size: j.size, entry: [] })) },
    }),
  }),
  defineRoute({
    method: "DELETE",
    path: "/jars/:jarid",
    operationId: "deleteJar",
    summary: "Delete an uploaded bundle",
    tags: ["jars"],
    params: jarParams,
    responses: [{ status: 200, description: "deleted", schema: object({}) }, invalid, unknownJar],
    handler: async ({ services, params }) => {
      requireSubmit(services);
      if (!services.jars.delete(params.jarid!)) throw notFound(`no jar ${params.jarid}`);
      return { json: {} };
    },
  }),
  defineRoute<JarQuery, JarPlanRequest | undefined>({
    method: "POST",
    path: "/jars/:jarid/plan",
    operationId: "getJarPlan",
    summary: "The dataflow plan of an uploaded bundle, without running it (its definition is evaluated as for run)",
    tags: ["jars"],
    params: jarParams,
    query: jarPlanQuery,
    body: { kind: "json", schema: jarPlanRequest, required: false, description: "arguments, parallelism and configuration of the job" },
    responses: [
      { status: 200, description: "the plan", schema: object({ plan: jobPlan }) },
      { ...invalid, description: "invalid request, or the bundle's definition failed, looped or ran out of memory" },
      unknownJar,
      busy,
    ],
    handler: async ({ services, params, body, query }) => {
      const req = body ?? {};
      const { jobGraph } = await evaluateJar(services, params.jarid!, req, query);
      return { json: { plan: planJson({ jid: req.jobId ?? randomBytes(16).toString("hex"), name: jobGraph.name, jobGraph }) } };
    },
  }),
  defineRoute<JarQuery, JarRunRequest | undefined>({
    method: "POST",
    path: "/jars/:jarid/run",
    operationId: "runJar",
    summary: "Run an uploaded bundle: the Dispatcher evaluates its definition (isolated, time- and heap-limited) and submits the job",
    tags: ["jars"],
    params: jarParams,
    query: jarRunQuery,
    body: { kind: "json", schema: jarRunRequest, required: false, description: "arguments, parallelism, configuration, job id and savepoint of the job" },
    responses: [
      { status: 200, description: "the job was submitted", schema: jarRunResponse },
      { ...invalid, description: "invalid request, or the bundle's definition failed, looped or ran out of memory" },
      unknownJar,
      busy,
    ],
    handler: async ({ services, params, body, query }) => {
      requireSubmit(services);
      const req = body ?? {};
      // Flink takes these from the body, else from the query (the older way).
      const savepointPath = resolveInsideRoots(req.savepointPath ?? query.savepointPath, services.settings.restoreRoots, "savepointPath");
      const { jobGraph, inputs, code } = await evaluateJar(services, params.jarid!, req, query);
      const hash = hashBundle(code);
      const submission: JobSubmission = { jobGraph, bundleHash: hash, definition: inputs };
      if (savepointPath) {
        submission.savepointPath = savepointPath;
        submission.allowNonRestoredState = req.allowNonRestoredState ?? query.allowNonRestoredState ?? false;
      }
      const { jobId } = await submitOrRefuse(services, submission, { hash, code }, req.jobId ?? undefined);
      return { json: { jobid: jobId } };
    },
  }),
];

/** Evaluates an uploaded bundle's definition with the request's arguments (body first, then query). */
async function evaluateJar(services: RestServices, jarId: string, req: JarPlanRequest, query: JarQuery): Promise<{ jobGraph: JobGraph; inputs: DefinitionInputs; code: string }> {
  const entryClass = req.entryClass ?? query["entry-class"];
  if (typeof entryClass === "string" && entryClass !== "") {
    throw badRequest("entryClass: a Sluice bundle has one entry, its default export (defineJob); leave entryClass out");
  }
  const file = services.jars.bundleFile(jarId);
  const code = services.jars.read(jarId);
  if (!file || code === undefined) throw notFound(`no jar ${jarId}`);
  const config = req.flinkConfiguration ?? {};
  const inputs: DefinitionInputs = {
    args: req.programArgsList ?? (req.programArgs ? splitProgramArgs(req.programArgs) : (query.programArg ?? [])),
    config,
    defaultParallelism:
      req.parallelism ?? query.parallelism ?? positive(config[RestOptions.PARALLELISM_DEFAULT.key]) ?? positive(services.config[RestOptions.PARALLELISM_DEFAULT.key]) ?? 1,
  };
  try {
    return { jobGraph: await services.evaluator.evaluate(file, inputs), inputs, code };
  } catch (e) {
    if (e instanceof EvaluatorBusyError) throw new RestError(429, [e.message], { "retry-after": "1" });
    if (e instanceof BundleEvaluationError) throw badRequest(`the job could not be built from jar ${jarId}: ${e.message}`);
    throw e;
  }
}

function positive(v: string | undefined): number | undefined {
  const n = Number(v);
  return Number.isInteger(n) && n >= 1 ? n : undefined;
}
