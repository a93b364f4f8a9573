/**
 * Loading and evaluating a job module (docs/architecture.md, principle 5). The same code runs in the client,
 * which builds the JobGraph, and in every worker, which binds user functions to operator ids. The
 * bundle reaches "sluice" through a global the runtime installs, so a bundle runs wherever the
 * runtime is, whatever the folder it was written to.
 */
import { pathToFileURL } from "node:url";
import { isJobDefinition, type JobDefinition } from "../api/job.js";
import { StreamExecutionEnvironment, type ExecutionRequest } from "../api/environment.js";
import { buildJobGraph } from "../graph/job-graph-builder.js";
import type { JobGraph } from "../graph/job-graph.js";
import type { BoundFunctions } from "./tasks/operator-chain.js";
import type { DefinitionInputs } from "./tasks/deployment.js";
import { registerErrorClass, SluiceError } from "../errors/sluice-error.js";

export const SLUICE_API_GLOBAL = Symbol.for("sluice.api");

export class JobDefinitionError extends SluiceError {}
registerErrorClass(JobDefinitionError);

/**
 * The bundle's "sluice" is the public package, which sits above every layer of the runtime: it is
 * resolved by its name (Node resolves a package's own name to its entry), as the job file's import was.
 */
async function installApi(): Promise<void> {
  const g = globalThis as Record<symbol, unknown>;
  if (!g[SLUICE_API_GLOBAL]) g[SLUICE_API_GLOBAL] = await import("sluice");
}

/** Imports a bundled job module and returns its job definition (the default export). */
export async function loadJobDefinition(bundlePath: string): Promise<JobDefinition> {
  await installApi();
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(bundlePath).href)) as Record<string, unknown>;
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    throw new JobDefinitionError(`loading the job module failed: ${err.message}`, { cause: err });
  }
  const def = mod.default;
  if (!isJobDefinition(def)) {
    throw new JobDefinitionError("the job module must `export default defineJob((env, args) => { … })`");
  }
  return def;
}

export interface EvaluatedJob {
  env: StreamExecutionEnvironment;
  jobGraph: JobGraph;
  fns: BoundFunctions;
  /** Set when the definition called executeAndCollect(): the caller runs the job and resolves it. */
  execution: ExecutionRequest | undefined;
  /** Settles when the definition function has returned (after any execution it requested). */
  completion: Promise<void>;
}

/**
 * Runs the definition until it has declared its pipeline: until it returns, or until it asks for
 * execution with executeAndCollect() (whichever comes first).
 */
export async function evaluateJob(def: JobDefinition, inputs: DefinitionInputs): Promise<EvaluatedJob> {
  const env = new StreamExecutionEnvironment(inputs.defaultParallelism, inputs.config);
  if (def.name) env.setJobName(def.name);
  let execution: ExecutionRequest | undefined;
  const requested = new Promise<void>((resolve) =>
    env.onExecutionRequest((r) => {
      execution = r;
      resolve();
    }),
  );
  const completion = (async () => {
    try {
      await def.define(env, [...inputs.args]);
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      throw new JobDefinitionError(`the job definition threw: ${err.message}`, { cause: err });
    }
  })();
  await Promise.race([completion, requested]);
  const jobGraph = buildJobGraph(env.streamGraph, env.jobName, env.jobSettings());
  const fns: BoundFunctions = {
    nodes: new Map(env.streamGraph.nodes.map((n) => [n.id, n.fns])),
    edges: new Map(env.streamGraph.edges.map((e) => [e.id, e.fns])),
  };
  // The definition may go on after executeAndCollect(); keep its failure observable but not unhandled.
  completion.catch(() => {});
  return { env, jobGraph, fns, execution, completion };
}

/** In a worker: evaluates the definition and checks it declared the same topology as the client did. */
export async function bindJob(bundlePath: string, inputs: DefinitionInputs, expected: JobGraph): Promise<BoundFunctions> {
  const def = await loadJobDefinition(bundlePath);
  const evaluated = await evaluateJob(def, inputs);
  if (evaluated.jobGraph.fingerprint !== expected.fingerprint) {
    throw new JobDefinitionError(
      "the job definition is not deterministic: evaluated in the worker it declared a different pipeline " +
        `(${describe(evaluated.jobGraph)}) than in the client (${describe(expected)}). ` +
        "Don't let the pipeline's shape depend on random numbers, time or the environment.",
    );
  }
  return evaluated.fns;
}

function describe(g: JobGraph): string {
  return `${g.vertices.length} vertices: ${g.vertices.map((v) => `${v.name} (p=${v.parallelism})`).join(", ")}`;
}
