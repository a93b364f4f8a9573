/**
 * Metrics in Prometheus's text exposition format, with the naming scheme of Flink's Prometheus
 * reporter (docs/metrics.md, "Prometheus"): `sluice_` + the logical scope joined with "_" + the
 * metric name, characters outside [a-zA-Z0-9_:] replaced by "_", Flink's variables as labels.
 * Counters and meters are gauges (a counter may go down), a histogram is a summary with Flink's
 * quantiles, string gauges are left out (Prometheus has numbers only).
 */
import { HISTOGRAM_QUANTILES, type MetricGroupDump } from "../../runtime/metrics/metric-dump.js";

export const PROMETHEUS_PREFIX = "sluice";
export const PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

const sanitize = (s: string): string => s.replace(/[^a-zA-Z0-9_:]/g, "_");
const labelName = (s: string): string => {
  const n = s.replace(/[^a-zA-Z0-9_]/g, "_");
  return /^[a-zA-Z_]/.test(n) ? n : `_${n}`;
};
const labelValue = (s: string): string => s.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');
const sample = (v: number): string => (Number.isNaN(v) ? "NaN" : v === Infinity ? "+Inf" : v === -Infinity ? "-Inf" : String(v));

interface Family {
  type: "gauge" | "summary";
  help: string;
  lines: string[];
}

export function prometheusName(logicalScope: readonly string[], metric: string): string {
  return sanitize([PROMETHEUS_PREFIX, ...logicalScope, metric].join("_"));
}

export function toPrometheusText(groups: readonly MetricGroupDump[]): string {
  const families = new Map<string, Family>();
  const family = (name: string, type: Family["type"], help: string): Family => {
    let f = families.get(name);
    if (!f) families.set(name, (f = { type, help, lines: [] }));
    return f;
  };
  for (const g of groups) {
    const labels = Object.entries(g.variables).map(([k, v]) => `${labelName(k)}="${labelValue(v)}"`);
    const labelText = (extra?: string): string => {
      const all = extra ? [...labels, extra] : labels;
      return all.length ? `{${all.join(",")}}` : "";
    };
    for (const m of g.metrics) {
      const name = prometheusName(g.logicalScope, m.name);
      const help = `${m.name} (scope: ${g.logicalScope.join(".")})`;
      switch (m.kind) {
        case "counter":
        case "meter":
          family(name, "gauge", help).lines.push(`${name}${labelText()} ${sample(m.value)}`);
          break;
        case "gauge":
          if (typeof m.value === "number") family(name, "gauge", help).lines.push(`${name}${labelText()} ${sample(m.value)}`);
          break;
        case "histogram": {
          const f = family(name, "summary", help);
          for (const [key, q] of Object.entries(HISTOGRAM_QUANTILES)) {
            f.lines.push(`${name}${labelText(`quantile="${q}"`)} ${sample(m.value.quantiles[key as keyof typeof HISTOGRAM_QUANTILES])}`);
          }
          f.lines.push(`${name}_count${labelText()} ${m.value.count}`);
          break;
        }
      }
    }
  }
  let out = "";
  for (const [name, f] of families) {
    if (f.lines.length === 0) continue;
    out += `# HELP ${name} ${f.help.replace(/\\/g, "\\\\").replace(/\n/g, "\\n")}\n# TYPE ${name} ${f.type}\n${f.lines.join("\n")}\n`;
  }
  return out;
}
