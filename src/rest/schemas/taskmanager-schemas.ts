/** Schemas of the TaskManager endpoints: list, details with memory, logs (Flink's names). */
import type { JsonSchema } from "../schema/json-schema.js";
import { arrayOf, count, named, nullable, object } from "./common.js";

const bytesOrUnbounded: JsonSchema = { type: "integer", minimum: -1, description: "bytes; -1: not bounded by configuration" };

const hardware = named("HardwareDescription", object({
  cpuCores: count,
  physicalMemory: count,
  freeMemory: { ...count, description: "V8 heap limit of the TaskManager's main thread (Flink: the JVM heap)" },
  managedMemory: { ...count, description: "always 0: Sluice has no managed memory" },
}));

/** Flink's ResourceProfileInfo; memory in MB. */
const resourceProfile = named("ResourceProfileInfo", object({
  cpuCores: { type: "number", description: "one per slot" },
  taskHeapMemory: { ...count, description: "MB: the slot workers' heap limits (0 when V8's default)" },
  taskOffHeapMemory: count,
  managedMemory: count,
  networkMemory: count,
  extendedResources: { type: "object", additionalProperties: { type: "number" } },
}));

const memoryConfiguration = named("TaskExecutorMemoryConfiguration", object({
  frameworkHeap: { ...count, description: "V8 heap limit of the main thread" },
  taskHeap: { ...bytesOrUnbounded, description: "the slot workers' heap limits together; -1 when V8's default" },
  frameworkOffHeap: count,
  taskOffHeap: count,
  networkMemory: count,
  managedMemory: count,
  jvmMetaspace: count,
  jvmOverhead: count,
  totalFlinkMemory: count,
  totalProcessMemory: count,
}));

const taskManagerProps = {
  id: { type: "string" },
  path: { type: "string", description: "RPC address of the TaskExecutor" },
  dataPort: { type: "integer", description: "port of its data endpoint, -1 when it has none (embedded cluster)" },
  jmxPort: { type: "integer", description: "always -1: no JMX in Node.js" },
  host: { type: "string" },
  timeSinceLastHeartbeat: { ...count, description: "ms since the ResourceManager last heard from it" },
  slotsNumber: count,
  freeSlots: count,
  totalResource: resourceProfile,
  freeResource: resourceProfile,
  hardware,
  memoryConfiguration,
  blocked: { type: "boolean", description: "always false: Sluice does not block TaskManagers" },
} satisfies Record<string, JsonSchema>;

export const taskManagerSummary: JsonSchema = named("TaskManagerInfo", object(taskManagerProps));
export const taskManagersList: JsonSchema = object({ taskmanagers: arrayOf(taskManagerSummary) });

const integer: JsonSchema = { type: "integer" };

export const taskManagerDetails: JsonSchema = object({
  ...taskManagerProps,
  allocatedSlots: arrayOf(object({ index: count, jobId: { type: "string" }, resource: resourceProfile })),
  slots: arrayOf(object({ index: count, jobId: nullable({ type: "string" }), allocationId: nullable({ type: "string" }) })),
  prometheusPort: { ...nullable({ type: "integer" }), description: "port of the TaskManager's Prometheus reporter (metrics.reporter.prom.port); null without one" },
  metrics: {
    ...object({
      heapUsed: count,
      heapCommitted: count,
      heapMax: count,
      nonHeapUsed: { ...count, description: "the process's resident memory outside the main thread's heap (workers, code, buffers)" },
      nonHeapCommitted: count,
      nonHeapMax: integer,
      directCount: count,
      directUsed: { ...count, description: "ArrayBuffer memory (Flink: direct buffers)" },
      directMax: integer,
      mappedCount: count,
      mappedUsed: count,
      mappedMax: count,
      nettyShuffleMemorySegmentsAvailable: count,
      nettyShuffleMemorySegmentsUsed: count,
      nettyShuffleMemorySegmentsTotal: count,
      nettyShuffleMemoryAvailable: count,
      nettyShuffleMemoryUsed: count,
      nettyShuffleMemoryTotal: count,
      garbageCollectors: arrayOf(object({ name: { type: "string" }, count, time: { ...count, description: "ms" } })),
      rss: { ...count, description: "Sluice: resident set size of the process" },
      externalUsed: { ...count, description: "Sluice: V8's external memory" },
    }),
    description: "the process's memory now, asked of the TaskManager (Netty and mapped memory: 0, Sluice has none)",
  },
});
