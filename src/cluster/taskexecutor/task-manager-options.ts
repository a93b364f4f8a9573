/** Configuration of a TaskManager's TaskExecutor: its slots, their worker threads and task timeouts. */
import { options, readOption } from "../../config/config-option.js";
import type { Configuration } from "../../config/configuration.js";

export const NUMBER_OF_TASK_SLOTS = options.integer({
  key: "taskmanager.numberOfTaskSlots",
  default: 1,
  description: "Number of slots of a TaskManager: each runs one worker thread, which holds the tasks of one job.",
});

export const TASK_HEAP_MB = options.integer({
  key: "taskmanager.memory.task.heap.mb",
  default: undefined,
  documentedDefault: "V8's default",
  description: "Heap limit of each slot's worker thread in MiB. A task that exceeds it fails (its worker dies) instead of the whole TaskManager.",
});

export const JOB_EVALUATION_TIMEOUT = options.duration({
  key: "taskmanager.job.evaluation-timeout",
  default: 60_000,
  description:
    "Time a deployed task's worker gets to load the job bundle and evaluate its definition; a worker still busy with it then is terminated and its tasks fail, so a definition that never returns costs its job, not the slot.",
});

export const TASK_CANCELLATION_TIMEOUT = options.duration({
  key: "task.cancellation.timeout",
  default: 5_000,
  description: "Time a cancelled task gets to stop before its worker thread is terminated (and a fresh one started for the slot).",
});

export const METRICS_REPORT_INTERVAL = options.duration({
  key: "metrics.report-interval",
  default: 1_000,
  description: "How often each slot's worker reports its tasks' metrics to the TaskExecutor, which passes them on with JobMaster heartbeats.",
});

/** The settings a TaskExecutor reads from the configuration. */
export interface TaskExecutorSettings {
  numberOfSlots: number;
  maxWorkerHeapMb: number | undefined;
  evaluationTimeoutMs: number;
  cancellationTimeoutMs: number;
  metricsIntervalMs: number;
}

export function taskExecutorSettings(config: Readonly<Configuration>): TaskExecutorSettings {
  return {
    numberOfSlots: readOption(config, NUMBER_OF_TASK_SLOTS),
    maxWorkerHeapMb: readOption(config, TASK_HEAP_MB),
    evaluationTimeoutMs: readOption(config, JOB_EVALUATION_TIMEOUT),
    cancellationTimeoutMs: readOption(config, TASK_CANCELLATION_TIMEOUT),
    metricsIntervalMs: readOption(config, METRICS_REPORT_INTERVAL),
  };
}
