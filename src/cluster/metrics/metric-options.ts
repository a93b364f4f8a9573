/** Configuration of the metric reporters (docs/metrics.md, "Reporters"). */
import { options, readOption } from "../../config/config-option.js";
import { ConfigurationError, type Configuration } from "../../config/configuration.js";
import { METRICS_FETCH_INTERVAL } from "../jobmaster/job-master-options.js";
import { METRIC_COLLECTION_TIMEOUT } from "../taskexecutor/task-manager-options.js";

export const PROMETHEUS_PORT = options.string({
  key: "metrics.reporter.prom.port",
  default: undefined,
  description:
    "Turns on the Prometheus reporter of every JobManager and TaskManager: a port, or a range such as 9249-9260 from which each process takes the first free one " +
    "(several processes on one host), or 0 for any free port. The chosen port is logged and shown in /taskmanagers/:id and /jobmanager/config.",
});

export const PROMETHEUS_HOST = options.string({
  key: "metrics.reporter.prom.host",
  default: undefined,
  description: "Address the Prometheus reporter listens on; default the process's own address (taskmanager.host, jobmanager.rpc.address).",
});

export const LOG_REPORTER_INTERVAL = options.duration({
  key: "metrics.reporter.log.interval",
  default: undefined,
  deprecatedKeys: ["metrics.reporter.slf4j.interval"],
  min: 1,
  description: "Turns on the log reporter (Flink's Slf4jReporter): every metric of the process is written to its log at this interval, e.g. 60 s.",
});

/** `9249`, `9249-9260` or `0` → the candidate ports in order. */
export function parsePortRange(raw: string, key = PROMETHEUS_PORT.key): number[] {
  const m = /^\s*(\d{1,5})\s*(?:-\s*(\d{1,5})\s*)?$/.exec(raw);
  const from = m ? Number(m[1]) : NaN;
  const to = m?.[2] !== undefined ? Number(m[2]) : from;
  if (!m || from > 65_535 || to > 65_535 || to < from) throw new ConfigurationError(`${key} must be a port or a range of ports such as 9249-9260, got "${raw}"`);
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** The REST MetricFetcher's settings (metric-fetcher.ts). */
export function metricFetcherSettings(config: Readonly<Configuration>): { updateIntervalMs: number; timeoutMs: number } {
  return {
    updateIntervalMs: readOption(config, METRICS_FETCH_INTERVAL),
    // Longer than a TaskManager waits for its workers, so that a slow worker costs only its own
    // metrics, not the whole TaskManager's answer.
    timeoutMs: readOption(config, METRIC_COLLECTION_TIMEOUT) + 1_000,
  };
}
