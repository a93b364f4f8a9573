/** Configuration keys the JobMaster reads (besides restart strategy and checkpointing, which have their own modules). */
import { options } from "../../config/config-option.js";

export const METRICS_FETCH_INTERVAL = options.duration({
  key: "metrics.fetcher.update-interval",
  default: 1000,
  description: "How often the JobMaster fetches the metrics of its tasks from the TaskManagers (for the REST API and the dashboard).",
});

export const COORDINATOR_HEAP_MB = options.integer({
  key: "jobmanager.coordinator.heap.mb",
  default: 256,
  description:
    "Heap limit in MiB of the worker thread that runs a job's split enumerators in the JobManager (one per job with such sources). " +
    "An enumerator that exceeds it fails its job through the restart strategy; the JobManager keeps running.",
});

export const COORDINATOR_EVALUATION_TIMEOUT = options.duration({
  key: "jobmanager.coordinator.evaluation-timeout",
  default: 60_000,
  description:
    "How long the worker thread that runs a job's split enumerators may take to load the job bundle and evaluate its definition. " +
    "A definition that takes longer (a loop, a wait that never ends) fails the job, and the thread is terminated.",
});
