/**
 * The coordinator worker of a job (docs/architecture.md, "Sources and split enumerators"): a worker
 * thread of the JobManager that loads the job's bundle and runs its split enumerators, so that user
 * code that throws, loops or exhausts its heap ends this thread, not the JobManager. The thread is
 * started once per job and JobMaster and kept across the job's attempts.
 */
import { Worker } from "node:worker_threads";
import type { JobGraph } from "../../graph/job-graph.js";
import type { DefinitionInputs } from "../../runtime/tasks/deployment.js";
import type { CoordinatorWorkerData } from "../../runtime/worker/coordinator-worker-main.js";
import type { FromCoordinator, ToCoordinator } from "../../runtime/coordination/coordinator-protocol.js";
import type { CoordinatorChannel, CoordinatorChannelFactory, CoordinatorChannelHandlers } from "./source-coordinators.js";
import { currentFileSystemSettings } from "../../fs/file-systems.js";

const COORDINATOR_MAIN = new URL("../../runtime/worker/coordinator-worker-main.js", import.meta.url);

export interface CoordinatorWorkerOptions {
  bundlePath: string;
  definition: DefinitionInputs;
  jobGraph: JobGraph;
  /** Heap limit of the thread in MB (jobmanager.coordinator.heap.mb); V8's default when absent. */
  maxHeapMb?: number;
}

export class CoordinatorWorker implements CoordinatorChannel {
  private readonly worker: Worker;
  private terminating = false;

  constructor(options: CoordinatorWorkerOptions, handlers: CoordinatorChannelHandlers) {
    // The JobManager's file system settings: enumerators list files on the same storage (s3://…).
    const workerData: CoordinatorWorkerData = { bundlePath: options.bundlePath, definition: options.definition, jobGraph: options.jobGraph, fileSystems: currentFileSystemSettings() };
    this.worker = new Worker(COORDINATOR_MAIN, {
      workerData,
      ...(options.maxHeapMb ? { resourceLimits: { maxOldGenerationSizeMb: options.maxHeapMb, maxYoungGenerationSizeMb: Math.max(4, Math.min(32, Math.floor(options.maxHeapMb / 8))) } } : {}),
    });
    this.worker.on("message", (m: FromCoordinator) => handlers.onMessage(m));
    this.worker.on("error", (e: Error & { code?: string }) => {
      if (this.terminating) return;
      if (e.code === "ERR_WORKER_OUT_OF_MEMORY") {
        handlers.onExit(new Error(`it ran out of memory: it needed more than the ${options.maxHeapMb ?? "default"} MB heap limit (jobmanager.coordinator.heap.mb)`, { cause: e }));
      } else handlers.onExit(e);
    });
    this.worker.on("exit", (code) => {
      if (!this.terminating) handlers.onExit(new Error(`the coordinator thread exited with code ${code}`));
    });
  }

  post(message: ToCoordinator): void {
    this.worker.postMessage(message);
  }

  async terminate(): Promise<void> {
    this.terminating = true;
    await this.worker.terminate();
  }
}

/** The factory a JobMaster uses: one CoordinatorWorker for its job. */
export function coordinatorWorkerFactory(options: CoordinatorWorkerOptions): CoordinatorChannelFactory {
  return (handlers) => new CoordinatorWorker(options, handlers);
}
