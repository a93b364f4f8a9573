/**
 * TaskManagers in Flink's JSON (TaskManagerInfo, TaskManagerDetailsInfo): slots, hardware, the
 * resource profile and memory configuration in Sluice's terms (V8 heap limits of the main thread
 * and of the slot workers; Sluice has no managed, network or off-heap memory pools, so those are 0),
 * and, for one TaskManager, its process memory now (TaskManagerMetricsInfo).
 */
import type { TaskManagerInfo, TaskManagerMemory } from "../../cluster/messages.js";

const MB = 1024 * 1024;

function dataPort(address: string): number {
  const m = /:(\d{1,5})$/.exec(address);
  return m ? Number(m[1]) : -1;
}

/** Flink's ResourceProfileInfo (memory in MB) of `slots` slots: one CPU core and one worker heap each. */
function resourceProfile(t: TaskManagerInfo, slots: number): Record<string, unknown> {
  const workerHeapMb = t.memory?.workerHeapLimitBytes ? Math.floor(t.memory.workerHeapLimitBytes / MB) : 0;
  return { cpuCores: slots, taskHeapMemory: workerHeapMb * slots, taskOffHeapMemory: 0, managedMemory: 0, networkMemory: 0, extendedResources: {} };
}

function memoryConfiguration(t: TaskManagerInfo): Record<string, number> {
  const frameworkHeap = t.memory?.mainHeapLimitBytes ?? 0;
  // -1: the slot workers' heaps are V8's default, not bounded by configuration.
  const taskHeap = t.memory?.workerHeapLimitBytes ? t.memory.workerHeapLimitBytes * t.slotsNumber : -1;
  const total = frameworkHeap + Math.max(0, taskHeap);
  return {
    frameworkHeap,
    taskHeap,
    frameworkOffHeap: 0,
    taskOffHeap: 0,
    networkMemory: 0,
    managedMemory: 0,
    jvmMetaspace: 0,
    jvmOverhead: 0,
    totalFlinkMemory: total,
    totalProcessMemory: total,
  };
}

export function taskManagerJson(t: TaskManagerInfo): Record<string, unknown> {
  return {
    id: t.id,
    path: t.address,
    dataPort: dataPort(t.dataAddress),
    // No JMX in Node.js (Flink's "no port" value).
    jmxPort: -1,
    host: t.host,
    timeSinceLastHeartbeat: Math.max(0, t.timeSinceLastHeartbeat),
    slotsNumber: t.slotsNumber,
    freeSlots: t.freeSlots,
    totalResource: resourceProfile(t, t.slotsNumber),
    freeResource: resourceProfile(t, t.freeSlots),
    hardware: { cpuCores: t.hardware.cpuCores, physicalMemory: t.hardware.memoryBytes, freeMemory: t.memory?.mainHeapLimitBytes ?? 0, managedMemory: 0 },
    memoryConfiguration: memoryConfiguration(t),
    // Sluice never blocks TaskManagers (Flink's speculative execution does).
    blocked: false,
  };
}

/** Flink's TaskManagerMetricsInfo from the process's memory; Sluice has no Netty or mapped memory. */
function memoryMetrics(m: TaskManagerMemory): Record<string, unknown> {
  return {
    heapUsed: m.heapUsed,
    heapCommitted: m.heapCommitted,
    heapMax: m.heapMax,
    nonHeapUsed: m.nonHeapUsed,
    nonHeapCommitted: m.nonHeapCommitted,
    nonHeapMax: m.nonHeapMax,
    directCount: 0,
    directUsed: m.arrayBuffersUsed,
    directMax: -1,
    mappedCount: 0,
    mappedUsed: 0,
    mappedMax: 0,
    nettyShuffleMemorySegmentsAvailable: 0,
    nettyShuffleMemorySegmentsUsed: 0,
    nettyShuffleMemorySegmentsTotal: 0,
    nettyShuffleMemoryAvailable: 0,
    nettyShuffleMemoryUsed: 0,
    nettyShuffleMemoryTotal: 0,
    garbageCollectors: m.garbageCollectors,
    rss: m.rss,
    externalUsed: m.externalUsed,
  };
}

export function taskManagerDetailsJson(t: TaskManagerInfo, memory: TaskManagerMemory): Record<string, unknown> {
  return {
    ...taskManagerJson(t),
    allocatedSlots: t.slots.filter((s) => s.jobId).map((s) => ({ index: s.slotIndex, jobId: s.jobId!, resource: resourceProfile(t, 1) })),
    slots: t.slots.map((s) => ({ index: s.slotIndex, jobId: s.jobId ?? null, allocationId: s.allocationId ?? null })),
    prometheusPort: t.prometheusPort ?? null,
    metrics: memoryMetrics(memory),
  };
}
