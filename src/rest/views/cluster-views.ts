/** The Dispatcher's cluster records turned into Flink's JSON: the overview, configuration and environment. */
import type { ClusterOverview } from "../../cluster/messages.js";
import { redactConfig } from "../../config/sensitive-keys.js";
import { FLINK_COMPATIBILITY_VERSION, FLINK_REVISION, SLUICE_VERSION } from "../../version.js";
import type { GetClusterOverviewResponse } from "../schemas/rest-types.js";

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
