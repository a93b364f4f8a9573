/**
 * Worker thread that evaluates an uploaded bundle's job definition into a JobGraph for
 * POST /jars/:jarid/run. It runs with a heap limit and is terminated after a timeout, so a bundle
 * that loops, throws or allocates without bound fails only its own request.
 */
import { parentPort, workerData } from "node:worker_threads";
import { evaluateJob, loadJobDefinition } from "../../runtime/job-module.js";
import { serializeError } from "../../errors/serialized-error.js";
import type { DefinitionInputs } from "../../runtime/tasks/deployment.js";
import type { JobGraph } from "../../graph/job-graph.js";

export interface EvaluationInput {
  bundlePath: string;
  inputs: DefinitionInputs;
}

export type EvaluationOutput = { type: "graph"; jobGraph: JobGraph } | { type: "error"; error: { name: string; message: string; stack?: string } };

process.setSourceMapsEnabled(true);
const port = parentPort;
if (!port) throw new Error("evaluation-worker must run in a worker thread");
const { bundlePath, inputs } = workerData as EvaluationInput;

try {
  const evaluated = await evaluateJob(await loadJobDefinition(bundlePath), inputs);
  // Only plain JSON leaves the worker: the graph, never the user's functions.
  const jobGraph = JSON.parse(JSON.stringify(evaluated.jobGraph)) as JobGraph;
  port.postMessage({ type: "graph", jobGraph } satisfies EvaluationOutput);
} catch (e) {
  port.postMessage({ type: "error", error: serializeError(e) } satisfies EvaluationOutput);
}
