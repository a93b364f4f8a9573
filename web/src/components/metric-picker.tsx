/**
 * Pick metrics by name and watch them live (the Metrics tab of Flink's vertex panel, and the TaskManager
 * page's extra metrics): a list of the metrics the endpoint offers, a chart (or the bare value) per picked
 * metric, each removable.
 */
import { useState } from "react";
import { ErrorBox, Empty } from "./feedback";
import { TimeChart } from "./time-chart";
import type { MetricSeries } from "../hooks/use-metric-series";
import { formatMetricValue } from "../format";

export function MetricPicker({ available, picked, onChange, values, testId }: { available: readonly string[] | undefined; picked: string[]; onChange: (next: string[]) => void; values: MetricSeries; testId: string }) {
  const [asValue, setAsValue] = useState<Set<string>>(new Set());
  const choices = (available ?? []).filter((id) => !picked.includes(id)).sort();
  return (
    <div data-testid={testId}>
      <div className="metric-toolbar">
        <select
          className="metric-select"
          data-testid="metric-select"
          value=""
          onChange={(e) => e.target.value && onChange([...picked, e.target.value])}
          disabled={!choices.length}
        >
          <option value="">{available === undefined ? "Loading metrics…" : choices.length ? `Add metric (${choices.length})` : "No more metrics"}</option>
          {choices.map((id) => (
            <option key={id} value={id}>
              {id}
            </option>
          ))}
        </select>
      </div>
      <ErrorBox error={values.error} />
      {!picked.length ? (
        <Empty>Pick a metric to watch it live.</Empty>
      ) : (
        <div className="metric-grid">
          {picked.map((id) => (
            <div key={id} className="metric-card" data-metric={id}>
              <div className="metric-card-head">
                <span className="mono small metric-id">{id}</span>
                <span className="metric-value" data-testid="metric-value">
                  {values.latest.has(id) ? formatMetricValue(values.latest.get(id)!) : "–"}
                </span>
                <button className="button small" onClick={() => setAsValue(toggle(asValue, id))}>
                  {asValue.has(id) ? "Chart" : "Value"}
                </button>
                <button className="button small close" aria-label={`remove ${id}`} onClick={() => onChange(picked.filter((p) => p !== id))}>
                  ×
                </button>
              </div>
              {!asValue.has(id) && <TimeChart title="" series={[{ label: id, colour: "#2f7cc1" }]} data={values.series([id])} unit="" />}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

function toggle(set: Set<string>, id: string): Set<string> {
  const next = new Set(set);
  if (!next.delete(id)) next.add(id);
  return next;
}
