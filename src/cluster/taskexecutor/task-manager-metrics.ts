/**
 * The TaskManager's side of metric collection (docs/architecture.md, "Metrics"): its own metrics
 * (the `taskmanager` scope: process and main thread) live in its registry; its tasks' metrics live
 * in the slots' workers and are collected on demand — one `metric-dump` request per worker, answered
 * between buffers. A worker that does not answer in time is left out of that collection, so a
 * stuck task never blocks a scrape.
 */
import type { Clock } from "../../util/clock.js";
import type { MetricGroupDump } from "../../runtime/metrics/metric-dump.js";
import { MetricRegistry } from "../../runtime/metrics/metric-group.js";
import { registerProcessMetrics, registerThreadMetrics } from "../../runtime/metrics/runtime-metrics.js";
import { taskManagerGroup } from "../../runtime/metrics/scopes.js";
import type { SlotWorkerHandle } from "./slot-worker-handle.js";

export interface TaskManagerMetricsOptions {
  taskManagerId: string;
  clock: Clock;
  timeoutMs: number;
  /** How long the last values of an ended task stay in collections. */
  finalRetentionMs: number;
  /** The live workers now. */
  workers(): SlotWorkerHandle[];
}

export class TaskManagerMetrics {
  readonly registry = new MetricRegistry();
  private nextRequestId = 1;
  private readonly pending = new Map<number, (groups: MetricGroupDump[]) => void>();
  private readonly stopThread: () => void;
  /** Last values of ended tasks, by execution id, reported until their retention ends. */
  private readonly finals = new Map<string, MetricGroupDump[]>();

  constructor(private readonly options: TaskManagerMetricsOptions) {
    const group = taskManagerGroup(this.registry, options.taskManagerId);
    this.stopThread = registerThreadMetrics(group).stop;
    registerProcessMetrics(group, () => 1 + options.workers().length);
  }

  /** A worker's answer to a collection request. */
  onDump(requestId: number, groups: MetricGroupDump[]): void {
    const resolve = this.pending.get(requestId);
    this.pending.delete(requestId);
    resolve?.(groups);
  }

  /** A task ended: its last values stay in collections for `finalRetentionMs` (a finished job's totals). */
  retainFinal(executionId: string, groups: MetricGroupDump[]): void {
    this.finals.set(executionId, groups);
    this.options.clock.setTimeout(() => this.finals.delete(executionId), this.options.finalRetentionMs);
  }

  /**
   * Every metric of this TaskManager now: its own and each worker's, and with `includeEnded` ended
   * tasks' last values before them (so newer attempts win in the REST store). Reporters leave the
   * ended ones out, as Flink's do: a restarted task's old attempt must not be summed with the new one.
   */
  async collect(includeEnded = true): Promise<MetricGroupDump[]> {
    const fromWorkers = await Promise.all(this.options.workers().map((w) => this.ask(w)));
    return [...this.registry.dump(), ...(includeEnded ? [...this.finals.values()].flat() : []), ...fromWorkers.flat()];
  }

  stop(): void {
    this.stopThread();
    for (const resolve of this.pending.values()) resolve([]);
    this.pending.clear();
  }

  private ask(worker: SlotWorkerHandle): Promise<MetricGroupDump[]> {
    const requestId = this.nextRequestId++;
    return new Promise((resolve) => {
      const timer = this.options.clock.setTimeout(() => this.onDump(requestId, []), this.options.timeoutMs);
      this.pending.set(requestId, (groups) => {
        timer.cancel();
        resolve(groups);
      });
      try {
        worker.post({ type: "metric-dump", requestId });
      } catch {
        // The worker is going away: nothing to collect from it.
        this.onDump(requestId, []);
      }
    });
  }
}
