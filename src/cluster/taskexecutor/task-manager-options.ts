/**
 * Configuration of a TaskManager: where its process listens and under which id, and its
 * TaskExecutor's slots, their worker threads and task timeouts.
 */
import { options, readOption } from "../../config/config-option.js";
import type { Configuration } from "../../config/configuration.js";

export const TASK_MANAGER_HOST = options.string({
  key: "taskmanager.host",
  default: "127.0.0.1",
  description: "Address the TaskManager's RPC and data endpoints listen on and advertise; other processes must reach it there (not a wildcard address).",
});

export const TASK_MANAGER_RPC_PORT = options.integer({
  key: "taskmanager.rpc.port",
  default: 0,
  min: 0,
  description: "Port of the TaskManager's RPC endpoint; 0 picks a free port.",
});

export const TASK_MANAGER_DATA_PORT = options.integer({
  key: "taskmanager.data.port",
  default: 0,
  min: 0,
  description: "Port on which the TaskManager accepts data connections from other TaskManagers; 0 picks a free port.",
});

export const TASK_MANAGER_RESOURCE_ID = options.string({
  key: "taskmanager.resource-id",
  default: undefined,
  documentedDefault: "tm- and a random suffix",
  description: 'The TaskManager\'s id: letters, digits, ".", "_", ":" or "-", at most 128 characters. It appears in data frames, logs and REST paths.',
});

export const NUMBER_OF_TASK_SLOTS = options.integer({
  key: "taskmanager.numberOfTaskSlots",
  default: 1,
  min: 1,
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

export const OPERATOR_IO_METRICS = options.boolean({
  key: "metrics.operator-io.enabled",
  default: true,
  description:
    "Count numRecordsIn/numRecordsOut and watermarks of every chained operator (the task's own counters are always kept). " +
    "Turning it off saves a field increment per record and operator (bench/metrics-overhead.ts measures it).",
});

export const METRIC_COLLECTION_TIMEOUT = options.duration({
  key: "metrics.collection.timeout",
  default: 2_000,
  description: "How long a TaskManager waits for a slot's worker to answer a metric collection (a busy worker answers between buffers); a worker that does not answer in time is left out of that collection.",
});

/** The settings a TaskExecutor reads from the configuration. */
export interface TaskExecutorSettings {
  numberOfSlots: number;
  maxWorkerHeapMb: number | undefined;
  evaluationTimeoutMs: number;
  cancellationTimeoutMs: number;
  metricsIntervalMs: number;
  operatorIoMetrics: boolean;
  metricCollectionTimeoutMs: number;
}

export function taskExecutorSettings(config: Readonly<Configuration>): TaskExecutorSettings {
  return {
    numberOfSlots: readOption(config, NUMBER_OF_TASK_SLOTS),
    maxWorkerHeapMb: readOption(config, TASK_HEAP_MB),
    evaluationTimeoutMs: readOption(config, JOB_EVALUATION_TIMEOUT),
    cancellationTimeoutMs: readOption(config, TASK_CANCELLATION_TIMEOUT),
    metricsIntervalMs: readOption(config, METRICS_REPORT_INTERVAL),
    operatorIoMetrics: readOption(config, OPERATOR_IO_METRICS),
    metricCollectionTimeoutMs: readOption(config, METRIC_COLLECTION_TIMEOUT),
  };
}
