/**
 * Evaluates a job bundle's definition into a JobGraph inside a resource-limited worker thread:
 * heap limit, wall-clock timeout, a bound on concurrent evaluations. The worker is terminated in
 * every case, which also drops whatever module state the bundle created.
 *
 * Limits of this isolation (documented in docs/security.md): a worker thread is not a sandbox. The
 * bundle can use every Node API (file system, network, child processes) with the server's rights,
 * and memory outside the V8 heap (ArrayBuffers) is not capped by the heap limit. What protects the
 * server from hostile bundles is that only holders of rest.auth.token can upload and run them.
 */
import { Worker } from "node:worker_threads";
import type { JobGraph } from "../../graph/job-graph.js";
import type { DefinitionInputs } from "../../runtime/tasks/deployment.js";
import type { EvaluationInput, EvaluationOutput } from "./evaluation-worker.js";
import { SluiceError, registerErrorClass } from "../../errors/sluice-error.js";

const WORKER = new URL("./evaluation-worker.js", import.meta.url);

export interface EvaluationLimits {
  timeoutMs: number;
  maxHeapMb: number;
  /** Evaluations running at once; further requests wait in a queue of `maxQueued`. */
  maxConcurrent: number;
  maxQueued: number;
}

export class BundleEvaluationError extends SluiceError {}
registerErrorClass(BundleEvaluationError);

/** Too many evaluations at once: the request may be retried (answered with 429). */
export class EvaluatorBusyError extends SluiceError {}
registerErrorClass(EvaluatorBusyError);

export class BundleEvaluator {
  private running = 0;
  private readonly queue: (() => void)[] = [];
  private readonly workers = new Set<Worker>();

  constructor(readonly limits: EvaluationLimits) {}

  async evaluate(bundlePath: string, inputs: DefinitionInputs): Promise<JobGraph> {
    await this.acquire();
    try {
      return await this.runWorker({ bundlePath, inputs });
    } finally {
      this.release();
    }
  }

  /** Terminates evaluations in progress (server shutdown). */
  async close(): Promise<void> {
    await Promise.all([...this.workers].map((w) => w.terminate()));
  }

  private acquire(): Promise<void> {
    if (this.running < this.limits.maxConcurrent) {
      this.running++;
      return Promise.resolve();
    }
    if (this.queue.length >= this.limits.maxQueued) {
      return Promise.reject(new EvaluatorBusyError(`${this.running} job definitions are being evaluated and ${this.queue.length} wait; try again shortly`));
    }
    return new Promise((resolve) => this.queue.push(resolve));
  }

  private release(): void {
    const next = this.queue.shift();
    if (next) next();
    else this.running--;
  }

  private runWorker(input: EvaluationInput): Promise<JobGraph> {
    const { timeoutMs, maxHeapMb } = this.limits;
    return new Promise((resolve, reject) => {
      const worker = new Worker(WORKER, {
        workerData: input,
        resourceLimits: { maxOldGenerationSizeMb: maxHeapMb, maxYoungGenerationSizeMb: Math.min(32, Math.max(4, maxHeapMb / 8)), stackSizeMb: 4 },
        // The definition's console output is not the server's: read it and drop it, so that a
        // bundle printing in a loop cannot fill the server's memory through a piped stream.
        stdout: true,
        stderr: true,
      });
      worker.stdout.resume();
      worker.stderr.resume();
      this.workers.add(worker);
      let settled = false;
      const finish = (error: Error | undefined, graph?: JobGraph): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.workers.delete(worker);
        void worker.terminate();
        if (error) reject(error);
        else resolve(graph!);
      };
      const timer = setTimeout(
        () => finish(new BundleEvaluationError(`evaluating the job definition did not finish within ${timeoutMs} ms (rest.jar.evaluation.timeout); does it loop or wait forever?`)),
        timeoutMs,
      );
      worker.on("message", (m: EvaluationOutput) => {
        if (m.type === "graph") finish(undefined, m.jobGraph);
        else finish(new BundleEvaluationError(`${m.error.name}: ${m.error.message}`));
      });
      worker.on("error", (e: Error & { code?: string }) => {
        if (e.code === "ERR_WORKER_OUT_OF_MEMORY") {
          finish(new BundleEvaluationError(`evaluating the job definition ran out of memory: it needed more than the ${maxHeapMb} MB heap limit (rest.jar.evaluation.heap-mb)`));
        } else finish(new BundleEvaluationError(`evaluating the job definition failed: ${e.name}: ${e.message}`));
      });
      worker.on("exit", (code) => finish(new BundleEvaluationError(`the job definition ended its evaluation thread (exit code ${code}) before declaring a pipeline`)));
    });
  }
}
