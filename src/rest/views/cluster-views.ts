/** The Dispatcher's cluster records turned into Flink's JSON: the overview and the TaskManagers. */
import type { ClusterOverview, TaskManagerInfo } from "../../cluster/messages.js";
import { redactConfig } from "../../config/sensitive-keys.js";
import { FLINK_COMPATIBILITY_VERSION, FLINK_REVISION, SLUICE_VERSION } from "../../version.js";
import type { GetClusterOverviewResponse, GetTaskManagerResponse, ListTaskManagersResponse } from "../schemas/rest-types.js";

type TaskManagerSummaryJson = ListTaskManagersResponse["taskmanagers"][number];

export function clusterOverviewJson(o: ClusterOverview): GetClusterOverviewResponse {
  return {
    taskmanagers: o.taskManagers,
    "slots-total": o.slotsTotal,
    "slots-available": o.slotsAvailable,
    "jobs-running": o.jobsRunning,
    "jobs-finished": o.jobsFinished,
    "jobs-cancelled": o.jobsCancelled,
    "jobs-failed": o.jobsFailed,
    "sluice-version": SLUICE_VERSION,
    "flink-version": FLINK_COMPATIBILITY_VERSION,
    "flink-commit": FLINK_REVISION,
    "slots-free-and-blocked": 0,
    "taskmanagers-blocked": 0,
  };
}

function dataPort(address: string): number {
  const m = /:(\d{1,5})$/.exec(address);
  return m ? Number(m[1]) : -1;
}

export function taskManagerJson(t: TaskManagerInfo): TaskManagerSummaryJson {
  return {
    id: t.id,
    path: t.address,
    dataPort: dataPort(t.dataAddress),
    host: t.host,
    timeSinceLastHeartbeat: Math.max(0, t.timeSinceLastHeartbeat),
    slotsNumber: t.slotsNumber,
    freeSlots: t.freeSlots,
    hardware: { cpuCores: t.hardware.cpuCores, physicalMemory: t.hardware.memoryBytes },
  };
}

export function taskManagerDetailsJson(t: TaskManagerInfo): GetTaskManagerResponse {
  return {
    ...taskManagerJson(t),
    allocatedSlots: t.slots.filter((s) => s.jobId).map((s) => ({ index: s.slotIndex, jobId: s.jobId! })),
    slots: t.slots.map((s) => ({ index: s.slotIndex, jobId: s.jobId ?? null, allocationId: s.allocationId ?? null })),
    prometheusPort: t.prometheusPort ?? null,
  };
}

/**
 * Flink's EnvironmentInfo of the process answering (the JobManager): its `jvm` block describes the
 * Node.js runtime (version, architecture, the process's execArgv), and the classpath is empty
 * (a job is one JavaScript bundle).
 */
export function environmentJson(): { jvm: { version: string; arch: string; options: string[] }; classpath: string[] } {
  return { jvm: { version: `Node.js ${process.version} (V8 ${process.versions.v8})`, arch: process.arch, options: [...process.execArgv] }, classpath: [] };
}

/** Configuration entries sorted by key, secrets redacted (Flink's ConfigurationInfo). */
export function configEntriesJson(config: Readonly<Record<string, string>>): { key: string; value: string }[] {
  return Object.entries(redactConfig(config))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => ({ key, value }));
}
