/** Throughput (records out per second per vertex) and backpressure (% of time) over the last minutes. */
import { TimeChart } from "../components/time-chart";
import type { History } from "./metric-history";

const PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

export function JobCharts({ history }: { history: History | undefined }) {
  if (!history) return null;
  const series = history.names.map((name, i) => ({ label: name.length > 40 ? `${name.slice(0, 38)}…` : name, colour: PALETTE[i % PALETTE.length]! }));
  return (
    <div className="charts">
      <TimeChart title="Throughput (records/s; sinks: records in)" series={series} data={history.throughput} unit="" testId="throughput-chart" />
      <TimeChart title="Backpressured (% of time)" series={series} data={history.backpressure} unit="%" maxY={100} testId="backpressure-chart" />
    </div>
  );
}
