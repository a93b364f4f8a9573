/**
 * ResourceManager: where TaskManagers come from, and when an active resource provider starts and
 * stops them (Flink's keys where Flink has one).
 */
import { options } from "../../config/config-option.js";

export const ResourceManagerOptions = {
  PROVIDER: options.enum({
    key: "resourcemanager.provider",
    values: ["standalone", "process", "kubernetes"] as const,
    default: "standalone",
    description:
      "Where TaskManagers come from: standalone (started by hand or by `sluice cluster start`), process (child processes of the JobManager, started and stopped as the jobs need slots) or kubernetes (designed, see docs/deployment.md).",
  }),
  MAX_COUNT: options.integer({
    key: "resourcemanager.taskmanager.max-count",
    default: undefined,
    documentedDefault: "no limit",
    description: "At most this many TaskManagers started by an active provider at once (pending ones included).",
  }),
  IDLE_TIMEOUT: options.duration({
    key: "resourcemanager.taskmanager-timeout",
    default: 30_000,
    description: "A TaskManager started by an active provider whose slots have all been free this long is stopped.",
  }),
  START_RETRY_INTERVAL: options.duration({
    key: "resourcemanager.start-worker.retry-interval",
    default: 3_000,
    description: "After a TaskManager died before it registered, an active provider waits this long before starting another.",
  }),
  REGISTRATION_TIMEOUT: options.duration({
    key: "resourcemanager.taskmanager-registration.timeout",
    default: 300_000,
    description: "A TaskManager started by an active provider that has not registered within this time is stopped and replaced.",
  }),
} as const;
