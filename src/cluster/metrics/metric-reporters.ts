/**
 * Starts the reporters a process's configuration asks for (docs/metrics.md, "Reporters"); the
 * JobManager and TaskManager entrypoints each call it with their own collection.
 */
import { readOption } from "../../config/config-option.js";
import type { Configuration } from "../../config/configuration.js";
import type { MetricGroupDump } from "../../runtime/metrics/metric-dump.js";
import type { Logger } from "../../util/logger.js";
import { LogReporter } from "./log-reporter.js";
import { LOG_REPORTER_INTERVAL, parsePortRange, PROMETHEUS_HOST, PROMETHEUS_PORT } from "./metric-options.js";
import { PrometheusReporter } from "./prometheus-reporter.js";

export interface MetricReporters {
  /** The Prometheus reporter, when metrics.reporter.prom.port is set. */
  readonly prometheus: PrometheusReporter | undefined;
  close(): Promise<void>;
}

export async function startMetricReporters(
  config: Readonly<Configuration>,
  defaultHost: string,
  collect: () => Promise<MetricGroupDump[]> | MetricGroupDump[],
  log: Logger,
): Promise<MetricReporters> {
  const portSpec = readOption(config, PROMETHEUS_PORT);
  const prometheus = portSpec === undefined ? undefined : await PrometheusReporter.start(readOption(config, PROMETHEUS_HOST) ?? defaultHost, parsePortRange(portSpec), collect);
  if (prometheus) log.info(`Prometheus reporter listening on ${prometheus.url} (metrics.reporter.prom.port ${portSpec})`);
  const interval = readOption(config, LOG_REPORTER_INTERVAL);
  const logReporter = interval === undefined ? undefined : new LogReporter(interval, collect, log);
  return {
    prometheus,
    async close() {
      logReporter?.close();
      await prometheus?.close();
    },
  };
}
