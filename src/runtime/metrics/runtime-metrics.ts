/**
 * The Node runtime of one thread under Flink's `Status.*` names where Flink has a counterpart
 * (docs/metrics.md, "Status.* and the Node runtime"): V8's heap is the JVM heap, V8's collections
 * the garbage collectors, the event loop has no JVM counterpart and gets `Status.Node.*` names.
 * Every value is read when metrics are collected; only the event-loop delay histogram and the GC
 * observer run meanwhile (sampled by Node itself, no cost per record).
 */
import { constants, monitorEventLoopDelay, performance, PerformanceObserver, type EventLoopUtilization } from "node:perf_hooks";
import { getHeapStatistics } from "node:v8";
import type { MetricGroup } from "../../api/metrics.js";

const NS_PER_MS = 1e6;

export interface RuntimeMetricsHandle {
  /** Stops the observers (the thread's metrics are unregistered). */
  stop(): void;
}

/** Heap, GC, event loop: what every thread (main thread or slot worker) reports about itself. */
export function registerThreadMetrics(group: MetricGroup): RuntimeMetricsHandle {
  group.gauge("Status.JVM.Memory.Heap.Used", () => getHeapStatistics().used_heap_size);
  group.gauge("Status.JVM.Memory.Heap.Committed", () => getHeapStatistics().total_heap_size);
  group.gauge("Status.JVM.Memory.Heap.Max", () => getHeapStatistics().heap_size_limit);
  group.gauge("Status.JVM.Memory.NonHeap.Used", () => getHeapStatistics().external_memory);

  const gc = { minor: { count: 0, time: 0 }, major: { count: 0, time: 0 } };
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const kind = ((e as { detail?: unknown }).detail as { kind?: number } | undefined)?.kind;
      const g = kind === constants.NODE_PERFORMANCE_GC_MINOR ? gc.minor : gc.major;
      g.count++;
      g.time += e.duration;
    }
  });
  observer.observe({ entryTypes: ["gc"] });
  group.gauge("Status.JVM.GarbageCollector.Scavenge.Count", () => gc.minor.count);
  group.gauge("Status.JVM.GarbageCollector.Scavenge.Time", () => Math.round(gc.minor.time));
  group.gauge("Status.JVM.GarbageCollector.MarkSweepCompact.Count", () => gc.major.count);
  group.gauge("Status.JVM.GarbageCollector.MarkSweepCompact.Time", () => Math.round(gc.major.time));

  const delay = monitorEventLoopDelay({ resolution: 20 });
  delay.enable();
  // Utilisation over the time between two collections (the first one: since the thread started).
  let lastElu: EventLoopUtilization = performance.eventLoopUtilization();
  let utilization = 0;
  let delayStats = { mean: 0, max: 0, p99: 0 };
  let readAt = -1;
  // One reading per collection serves all event-loop gauges; the histogram restarts after it.
  const read = (): void => {
    const now = performance.now();
    if (now - readAt < 50) return;
    readAt = now;
    const elu = performance.eventLoopUtilization();
    utilization = performance.eventLoopUtilization(elu, lastElu).utilization;
    lastElu = elu;
    const ms = (ns: number): number => (Number.isFinite(ns) ? ns / NS_PER_MS : 0);
    delayStats = { mean: ms(delay.mean), max: ms(delay.max), p99: ms(delay.percentile(99)) };
    delay.reset();
  };
  group.gauge("Status.Node.EventLoop.Utilization", () => (read(), utilization));
  group.gauge("Status.Node.EventLoop.Delay.Mean", () => (read(), delayStats.mean));
  group.gauge("Status.Node.EventLoop.Delay.Max", () => (read(), delayStats.max));
  group.gauge("Status.Node.EventLoop.Delay.P99", () => (read(), delayStats.p99));
  return {
    stop() {
      observer.disconnect();
      delay.disable();
    },
  };
}

/** What only the process as a whole has: CPU time and load, resident memory, threads. */
export function registerProcessMetrics(group: MetricGroup, threads: () => number): void {
  let last = { at: performance.now(), cpu: process.cpuUsage() };
  let load = 0;
  group.gauge("Status.JVM.CPU.Time", () => {
    const u = process.cpuUsage();
    return Math.round((u.user + u.system) / 1000);
  });
  group.gauge("Status.JVM.CPU.Load", () => {
    const now = performance.now();
    if (now - last.at >= 100) {
      const d = process.cpuUsage(last.cpu);
      load = (d.user + d.system) / 1000 / (now - last.at);
      last = { at: now, cpu: process.cpuUsage() };
    }
    return load;
  });
  group.gauge("Status.ProcessTree.Memory.RSS", () => process.memoryUsage.rss());
  group.gauge("Status.JVM.Threads.Count", threads);
}
