/**
 * The vertex panel's Metrics tab (Flink's): the metrics the vertex's subtasks and operators report
 * (`<subtask>.<metric>`, `<subtask>.<operator>.<metric>`), picked from a list and charted live. The picks
 * are kept per vertex id, which stays the same when the same pipeline runs again.
 */
import { api } from "../api/client";
import { MetricPicker } from "../components/metric-picker";
import { usePoll } from "../hooks/use-poll";
import { useMetricSeries } from "../hooks/use-metric-series";
import { useStoredList } from "../hooks/use-stored-list";

/** The list of available metrics changes only when tasks or operators come and go. */
const LIST_POLL_MS = 10_000;

export function VertexMetricsTab({ jobId, vertexId }: { jobId: string; vertexId: string }) {
  const path = { jobid: jobId, vertexid: vertexId };
  const available = usePoll(() => api.getJobVertexMetrics({ path }), `metric-ids:${jobId}:${vertexId}`, { intervalMs: LIST_POLL_MS });
  const [picked, setPicked] = useStoredList(`sluice.vertex-metrics.${vertexId}`);
  const values = useMetricSeries((get) => api.getJobVertexMetrics({ path, query: { get } }), picked, `vertex-metrics:${jobId}:${vertexId}`);
  return <MetricPicker available={available.data?.map((m) => m.id)} picked={picked} onChange={setPicked} values={values} testId="vertex-metrics" />;
}
