/**
 * The passive provider (the default, Flink's standalone resource manager): TaskManagers are started
 * by hand, by `sluice cluster start` or by a container orchestrator, and register on their own. The
 * ResourceManager never asks it for one; it never stops one.
 */
import type { Configuration } from "../../config/configuration.js";
import { workerPolicy, type ResourceProvider, type WorkerPolicy } from "./resource-provider.js";

export class StandaloneResourceProvider implements ResourceProvider {
  readonly type = "standalone";
  readonly active = false;
  readonly policy: WorkerPolicy;

  constructor(config: Configuration = {}) {
    this.policy = workerPolicy(config);
  }

  async startWorker(): Promise<void> {
    throw new Error("the standalone resource provider does not start TaskManagers: start them with `sluice taskmanager`");
  }

  async stopWorker(): Promise<void> {}

  onWorkerTerminated(): () => void {
    return () => {};
  }

  async close(): Promise<void> {}
}
