/**
 * The memory of a TaskManager process for /taskmanagers/:taskmanagerid (Flink's
 * TaskManagerMetricsInfo): V8's heap of the main thread, the memory outside it, ArrayBuffers (the
 * counterpart of Java's direct buffers), and garbage collections by kind since the TaskExecutor
 * started, counted by a GC performance observer (it costs nothing between collections).
 */
import { PerformanceObserver, constants } from "node:perf_hooks";
import { getHeapStatistics } from "node:v8";
import type { TaskManagerMemory } from "../messages.js";

const GC_KINDS: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: "Scavenge",
  [constants.NODE_PERFORMANCE_GC_MAJOR]: "MarkSweepCompact",
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: "IncrementalMarking",
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: "WeakCallbacks",
};

export class ProcessMemory {
  private readonly collections = new Map<string, { count: number; time: number }>();
  private observer: PerformanceObserver | undefined;

  start(): void {
    this.observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        const kind = GC_KINDS[((e as { detail?: { kind?: number } }).detail)?.kind ?? -1] ?? "Other";
        const c = this.collections.get(kind) ?? { count: 0, time: 0 };
        c.count++;
        c.time += e.duration;
        this.collections.set(kind, c);
      }
    });
    this.observer.observe({ entryTypes: ["gc"] });
  }

  stop(): void {
    this.observer?.disconnect();
    this.observer = undefined;
  }

  snapshot(): TaskManagerMemory {
    const m = process.memoryUsage();
    const heap = getHeapStatistics();
    return {
      heapUsed: m.heapUsed,
      heapCommitted: m.heapTotal,
      heapMax: heap.heap_size_limit,
      // Everything of the process outside the main thread's heap: the workers' heaps, code, buffers.
      nonHeapUsed: Math.max(0, m.rss - m.heapTotal),
      nonHeapCommitted: Math.max(0, m.rss - m.heapTotal),
      nonHeapMax: -1,
      arrayBuffersUsed: m.arrayBuffers,
      externalUsed: m.external,
      rss: m.rss,
      garbageCollectors: [...this.collections].map(([name, c]) => ({ name, count: c.count, time: Math.round(c.time) })),
    };
  }
}
