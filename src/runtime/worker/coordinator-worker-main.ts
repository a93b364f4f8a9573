/**
 * The entry point of a job's coordinator worker (docs/architecture.md, "Sources and split
 * enumerators"): a thread of the JobManager that loads the job bundle, evaluates its definition as
 * the slot workers do (bindJob), and runs the job's split enumerators. User code that loops, throws
 * or runs out of memory here takes down this thread, never the JobManager.
 */
import { parentPort, workerData } from "node:worker_threads";
import { bindJob } from "../job-module.js";
import type { Source } from "../../api/source.js";
import type { JobGraph } from "../../graph/job-graph.js";
import type { DefinitionInputs } from "../tasks/deployment.js";
import { CoordinatorRuntime } from "../coordination/coordinator-runtime.js";
import type { FromCoordinator, ToCoordinator } from "../coordination/coordinator-protocol.js";
import { configureFileSystems } from "../../fs/file-systems.js";
import type { S3Settings } from "../../fs/s3/s3-file-system.js";

export interface CoordinatorWorkerData {
  bundlePath: string;
  definition: DefinitionInputs;
  jobGraph: JobGraph;
  fileSystems: S3Settings;
}

process.setSourceMapsEnabled(true);
const port = parentPort;
if (!port) throw new Error("coordinator-worker-main must run in a worker thread");
const { bundlePath, definition, jobGraph, fileSystems } = workerData as CoordinatorWorkerData;
configureFileSystems(fileSystems);

const post = (m: FromCoordinator): void => port.postMessage(m);
// Evaluated at once: the JobMaster bounds the time to "bound" (jobmanager.coordinator.evaluation-timeout).
const bound = bindJob(bundlePath, definition, jobGraph).then((fns) => (nodeId: number) => fns.nodes.get(nodeId)?.source as Source<unknown> | undefined);
bound.then(
  () => post({ type: "bound" }),
  () => {
    // Reported as load-failed by the first message that needs the sources.
  },
);
const runtime = new CoordinatorRuntime(post, () => bound);
port.on("message", (m: ToCoordinator) => runtime.handle(m));
