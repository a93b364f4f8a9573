/**
 * The log reporter (Flink's Slf4jReporter; docs/metrics.md, "Log reporter"): writes every metric
 * of the process to its log every `metrics.reporter.log.interval`, for people without Prometheus.
 */
import type { MetricGroupDump, MetricDump } from "../../runtime/metrics/metric-dump.js";
import type { Logger } from "../../util/logger.js";

function valueText(m: MetricDump): string {
  switch (m.kind) {
    case "histogram": {
      const h = m.value;
      return `count=${h.count} min=${h.min} max=${h.max} mean=${h.mean.toFixed(3)} p50=${h.quantiles.p50} p99=${h.quantiles.p99}`;
    }
    case "meter":
      return `${m.value.toFixed(3)}/s (count ${m.count})`;
    default:
      return String(m.value);
  }
}

/** One line per metric: `<logical scope>{variables}.<name>: value`. */
export function formatMetricReport(groups: readonly MetricGroupDump[]): string {
  const lines: string[] = [];
  for (const g of groups) {
    const vars = Object.entries(g.variables)
      .map(([k, v]) => `${k}=${v}`)
      .join(",");
    for (const m of g.metrics) lines.push(`${g.logicalScope.join(".")}{${vars}}.${m.name}: ${valueText(m)}`);
  }
  return lines.join("\n");
}

export class LogReporter {
  private readonly timer: NodeJS.Timeout;

  constructor(intervalMs: number, collect: () => Promise<MetricGroupDump[]> | MetricGroupDump[], log: Logger) {
    this.timer = setInterval(() => {
      void (async () => {
        try {
          log.info(`metrics:\n${formatMetricReport(await collect())}`);
        } catch (e) {
          log.warn(`the log reporter could not collect metrics: ${(e as Error).message}`);
        }
      })();
    }, intervalMs);
    this.timer.unref();
  }

  close(): void {
    clearInterval(this.timer);
  }
}
