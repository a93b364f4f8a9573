/**
 * The TaskExecutor's CPU sample requests to its slot workers, for flame graphs (docs/architecture.md,
 * "Flame graphs"): each request has an id the worker's `cpu-samples` answer carries, and a deadline of
 * the sampling time plus a grace period, so a worker whose thread never yields (a user function that
 * loops) fails the request instead of leaving it open.
 */
import { deserializeError } from "../../errors/serialized-error.js";
import type { CpuSampleRequest } from "../../runtime/worker/cpu-sampler.js";
import type { StackNode } from "../../runtime/worker/stack-tree.js";
import type { Clock, Timer } from "../../util/clock.js";
import type { ControlFromWorker, SlotWorkerHandle } from "./slot-worker-handle.js";
import { CpuSamplingError } from "./task-executor-errors.js";

/** How long a worker may take beyond the sampling time to answer (stopping the profiler, building the tree). */
const ANSWER_GRACE_MS = 10_000;
/** The longest sampling a TaskExecutor accepts, whatever the REST endpoint asks for. */
export const MAX_SAMPLING_MS = 5 * 60_000;

interface Pending {
  resolve(trees: Record<string, StackNode>): void;
  reject(error: Error): void;
  timer: Timer;
}

export class CpuSampleRequests {
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly clock: Clock) {}

  /** Throws CpuSamplingError for a request outside the bounds: sampling stays short and sparse. */
  static check(request: CpuSampleRequest): void {
    const { numSamples, delayBetweenSamplesMs } = request;
    if (!Number.isInteger(numSamples) || numSamples < 1) throw new CpuSamplingError(`numSamples must be a positive integer, not ${numSamples}`);
    if (!(delayBetweenSamplesMs >= 1)) throw new CpuSamplingError(`delayBetweenSamplesMs must be at least 1 ms, not ${delayBetweenSamplesMs}`);
    if (numSamples * delayBetweenSamplesMs > MAX_SAMPLING_MS) {
      throw new CpuSamplingError(`sampling ${numSamples} × ${delayBetweenSamplesMs} ms exceeds the ${MAX_SAMPLING_MS} ms a TaskExecutor allows; lower rest.flamegraph.num-samples or rest.flamegraph.delay-between-samples`);
    }
  }

  /**
   * Each execution's part of the samples of its worker (`workerOf`; none: the execution is left out).
   * Executions in one worker share one sampling of the thread that runs all of them.
   */
  async ofExecutions(executionIds: readonly string[], request: CpuSampleRequest, workerOf: (executionId: string) => SlotWorkerHandle | undefined): Promise<Record<string, StackNode>> {
    CpuSampleRequests.check(request);
    const byWorker = new Map<SlotWorkerHandle, string[]>();
    for (const id of executionIds) {
      const worker = workerOf(id);
      if (worker) byWorker.set(worker, [...(byWorker.get(worker) ?? []), id]);
    }
    const out: Record<string, StackNode> = {};
    await Promise.all(
      [...byWorker].map(async ([worker, ids]) => {
        const trees = await this.request(worker, request, ids);
        for (const id of ids) if (trees[id]) out[id] = trees[id];
      }),
    );
    return out;
  }

  request(worker: SlotWorkerHandle, request: CpuSampleRequest, executionIds: string[]): Promise<Record<string, StackNode>> {
    CpuSampleRequests.check(request);
    const requestId = ++this.nextId;
    const timeoutMs = request.numSamples * request.delayBetweenSamplesMs + ANSWER_GRACE_MS;
    return new Promise((resolve, reject) => {
      const timer = this.clock.setTimeout(() => {
        this.pending.delete(requestId);
        reject(new CpuSamplingError(`the worker of slot ${worker.key} did not answer a CPU sample request within ${timeoutMs} ms; is a user function stuck in a loop?`));
      }, timeoutMs);
      this.pending.set(requestId, { resolve, reject, timer });
      worker.post({ type: "sample-cpu", requestId, request, executionIds });
    });
  }

  /** A worker's answer. */
  answered(m: Extract<ControlFromWorker, { type: "cpu-samples" }>): void {
    const p = this.pending.get(m.requestId);
    if (!p) return;
    this.pending.delete(m.requestId);
    p.timer.cancel();
    if (m.trees) p.resolve(m.trees);
    else p.reject(new CpuSamplingError("the worker could not sample its CPU", { cause: deserializeError(m.error ?? { name: "Error", message: "no answer" }, "slot worker") }));
  }
}
