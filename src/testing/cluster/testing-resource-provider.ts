/**
 * An active ResourceProvider double: it starts and stops nothing, records what it was asked to
 * start and stop, and lets a test report a TaskManager's end (`terminate`) as a real provider would.
 */
import type { ResourceProvider, WorkerPolicy, WorkerTerminatedListener } from "../../cluster/resourcemanager/resource-provider.js";

export class TestingResourceProvider implements ResourceProvider {
  readonly type = "process";
  readonly active = true;
  readonly started: string[] = [];
  readonly stopped: string[] = [];
  private listener: WorkerTerminatedListener | undefined;

  constructor(readonly policy: WorkerPolicy) {}

  async startWorker(id: string): Promise<void> {
    this.started.push(id);
  }

  async stopWorker(id: string): Promise<void> {
    this.stopped.push(id);
  }

  onWorkerTerminated(listener: WorkerTerminatedListener): () => void {
    this.listener = listener;
    return () => (this.listener = undefined);
  }

  /** The TaskManager `id` ended, e.g. "exited with code 1". */
  terminate(id: string, cause: string): void {
    this.listener?.(id, cause);
  }

  async close(): Promise<void> {}
}
