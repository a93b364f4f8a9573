/** Configuration keys the JobMaster reads (besides restart strategy and checkpointing, which have their own modules). */
import { options } from "../../config/config-option.js";

export const METRICS_FETCH_INTERVAL = options.duration({
  key: "metrics.fetcher.update-interval",
  default: 1000,
  description:
    "How often the JobMaster fetches the metrics of its tasks from the TaskManagers (for the job and vertex views and the dashboard), " +
    "and at most how often the REST metrics endpoints collect every process's metrics (only when asked).",
});
