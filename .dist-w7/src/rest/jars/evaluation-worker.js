/**
 * Worker thread that evaluates an uploaded bundle's job definition into a JobGraph for
 * POST /jars/:jarid/run. It runs with a heap limit and is terminated after a timeout, so a bundle
 * that loops, throws or allocates without bound fails only its own request (issue 10, item 5).
 */
import { parentPort, workerData } from "node:worker_threads";
import { evaluateJob, loadJobDefinition } from "../../runtime/job-module.js";
import { serializeError } from "../../runtime/tasks/deployment.js";
process.setSourceMapsEnabled(true);
const port = parentPort;
if (!port)
    throw new Error("evaluation-worker must run in a worker thread");
const { bundlePath, inputs } = workerData;
try {
    const evaluated = await evaluateJob(await loadJobDefinition(bundlePath), inputs);
    // Only plain JSON leaves the worker: the graph, never the user's functions.
    const jobGraph = JSON.parse(JSON.stringify(evaluated.jobGraph));
    port.postMessage({ type: "graph", jobGraph });
}
catch (e) {
    port.postMessage({ type: "error", error: serializeError(e) });
}
//# sourceMappingURL=evaluation-worker.js.map