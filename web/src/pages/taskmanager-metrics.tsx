/**
 * A TaskManager's Node runtime (Flink's TaskManager metrics page, with Node's counterparts of its JVM
 * figures; docs/metrics.md): heap, event-loop delay and garbage collection of the main thread and of
 * every slot's worker thread, charted live, plus any other metric of the TaskManager picked by name.
 * Metric names are Flink's `Status.JVM.*` where Node has a counterpart, per slot under `slot.<i>.`.
 */
import { api } from "../api/client";
import { MetricPicker } from "../components/metric-picker";
import { TimeChart } from "../components/time-chart";
import { formatBytes, formatMetricValue } from "../format";
import { usePoll } from "../hooks/use-poll";
import { useMetricSeries } from "../hooks/use-metric-series";
import { useStoredList } from "../hooks/use-stored-list";

const PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"];
const MIB = 1 / (1024 * 1024);
const LIST_POLL_MS = 10_000;

const HEAP_USED = "Status.JVM.Memory.Heap.Used";
const HEAP_COMMITTED = "Status.JVM.Memory.Heap.Committed";
const HEAP_MAX = "Status.JVM.Memory.Heap.Max";
const LOOP_MEAN = "Status.Node.EventLoop.Delay.Mean";
const LOOP_P99 = "Status.Node.EventLoop.Delay.P99";
const LOOP_UTILISATION = "Status.Node.EventLoop.Utilization";
const GC = ["Scavenge", "MarkSweepCompact"].flatMap((kind) => [`Status.JVM.GarbageCollector.${kind}.Count`, `Status.JVM.GarbageCollector.${kind}.Time`]);
const PER_THREAD = [HEAP_USED, HEAP_COMMITTED, HEAP_MAX, LOOP_MEAN, LOOP_P99, LOOP_UTILISATION, ...GC];

interface Thread {
  label: string;
  prefix: string;
}

export function TaskManagerMetrics({ id }: { id: string }) {
  const path = { taskmanagerid: id };
  const available = usePoll(() => api.getTaskManagerMetrics({ path }), `tm-metric-ids:${id}`, { intervalMs: LIST_POLL_MS });
  const ids = available.data?.map((m) => m.id) ?? [];
  // The main thread, then each slot whose worker reports (a slot has a worker while it is allocated).
  const slots = [...new Set(ids.map((m) => /^slot\.(\d+)\./.exec(m)?.[1]).filter((s): s is string => s !== undefined))].sort((a, b) => Number(a) - Number(b));
  const threads: Thread[] = [{ label: "main", prefix: "" }, ...slots.map((s) => ({ label: `slot ${s}`, prefix: `slot.${s}.` }))];
  const wanted = threads.flatMap((t) => PER_THREAD.map((m) => t.prefix + m)).filter((m) => ids.includes(m));
  const values = useMetricSeries((get) => api.getTaskManagerMetrics({ path, query: { get } }), wanted, `tm-metrics:${id}`);
  const [picked, setPicked] = useStoredList("sluice.taskmanager-metrics");
  const extra = useMetricSeries((get) => api.getTaskManagerMetrics({ path, query: { get } }), picked, `tm-extra:${id}`);
  const series = threads.map((t, i) => ({ label: t.label, colour: PALETTE[i % PALETTE.length]! }));
  const of = (metric: string): string[] => threads.map((t) => t.prefix + metric);
  const value = (metric: string): number | undefined => values.latest.get(metric);
  return (
    <section data-testid="taskmanager-metrics">
      <h2>Runtime</h2>
      <div className="charts">
        <TimeChart title="Heap used (MiB)" series={series} data={values.series(of(HEAP_USED), MIB)} unit="" testId="heap-chart" />
        <TimeChart title="Event-loop delay, p99 (ms)" series={series} data={values.series(of(LOOP_P99))} unit="" testId="event-loop-chart" />
      </div>
      <table className="table compact" data-testid="threads-table">
        <thead>
          <tr>
            <th>Thread</th>
            <th>Heap used</th>
            <th>Heap committed</th>
            <th>Heap limit</th>
            <th>Event-loop delay mean / p99</th>
            <th>Event-loop utilisation</th>
            <th>GC young (count / ms)</th>
            <th>GC old (count / ms)</th>
          </tr>
        </thead>
        <tbody>
          {threads.map((t) => (
            <tr key={t.label} data-thread={t.label}>
              <td>{t.label}</td>
              <td data-metric="heap-used">{formatBytes(value(t.prefix + HEAP_USED))}</td>
              <td>{formatBytes(value(t.prefix + HEAP_COMMITTED))}</td>
              <td>{formatBytes(value(t.prefix + HEAP_MAX))}</td>
              <td data-metric="event-loop-delay">
                {shown(value(t.prefix + LOOP_MEAN))} / {shown(value(t.prefix + LOOP_P99))} ms
              </td>
              <td>{shown(value(t.prefix + LOOP_UTILISATION))}</td>
              <td data-metric="gc-young">
                {shown(value(`${t.prefix}${GC[0]}`))} / {shown(value(`${t.prefix}${GC[1]}`))}
              </td>
              <td>
                {shown(value(`${t.prefix}${GC[2]}`))} / {shown(value(`${t.prefix}${GC[3]}`))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Metrics</h2>
      <MetricPicker available={available.data ? ids : undefined} picked={picked} onChange={setPicked} values={extra} testId="taskmanager-metric-picker" />
    </section>
  );
}

function shown(v: number | undefined): string {
  return v === undefined ? "–" : formatMetricValue(v);
}
