/** A clicked vertex: its subtasks (host, status, records, time accounting), watermarks, backpressure, metrics and flame graph. */
import { useState } from "react";
import { api } from "../api/client";
import { ErrorBox, Loading, Empty } from "../components/feedback";
import { StatusBadge } from "../components/status-badge";
import { formatBytes, formatCount, formatDuration, formatPercent, formatWatermark } from "../format";
import { usePoll } from "../hooks/use-poll";
import { Link } from "../router";
import { FlameGraphTab } from "./flame-graph-tab";
import { VertexMetricsTab } from "./vertex-metrics-tab";

type PanelTab = "subtasks" | "metrics" | "watermarks" | "backpressure" | "flamegraph";
const PANEL_TABS: { id: PanelTab; label: string }[] = [
  { id: "subtasks", label: "SubTasks" },
  { id: "metrics", label: "Metrics" },
  { id: "watermarks", label: "Watermarks" },
  { id: "backpressure", label: "BackPressure" },
  { id: "flamegraph", label: "FlameGraph" },
];

export function VertexPanel({ jobId, vertexId, onClose }: { jobId: string; vertexId: string; onClose: () => void }) {
  const [tab, setTab] = useState<PanelTab>("subtasks");
  const path = { jobid: jobId, vertexid: vertexId };
  const details = usePoll(() => api.getJobVertex({ path }), `vertex:${jobId}:${vertexId}`);
  const watermarks = usePoll(() => api.getJobVertexWatermarks({ path }), `wm:${jobId}:${vertexId}`, { enabled: tab === "watermarks" });
  const backpressure = usePoll(() => api.getJobVertexBackPressure({ path }), `bp:${jobId}:${vertexId}`, { enabled: tab === "backpressure" });
  const v = details.data;
  return (
    <section className="panel vertex-panel" data-testid="vertex-panel" data-vertex-id={vertexId}>
      <header className="panel-head">
        <h3>{v?.name ?? "Vertex"}</h3>
        <span className="muted small mono">{vertexId}</span>
        <button className="button small close" onClick={onClose} aria-label="close">
          ×
        </button>
      </header>
      <div className="subtabs">
        {PANEL_TABS.map((t) => (
          <button key={t.id} className={t.id === tab ? "subtab active" : "subtab"} onClick={() => setTab(t.id)} data-subtab={t.id}>
            {t.label}
          </button>
        ))}
      </div>
      {tab === "subtasks" && (
        <>
          <ErrorBox error={details.error} />
          {!v ? (
            <Loading what="subtasks" />
          ) : (
            <table className="table compact" data-testid="subtasks-table">
              <thead>
                <tr>
                  <th>#</th>
                  <th>Status</th>
                  <th>Host</th>
                  <th>Records In</th>
                  <th>Records Out</th>
                  <th>Bytes In</th>
                  <th>Bytes Out</th>
                  <th>Busy</th>
                  <th>Backpressured</th>
                  <th>Idle</th>
                  <th>Duration</th>
                  <th>Attempt</th>
                </tr>
              </thead>
              <tbody>
                {v.subtasks.map((s) => (
                  <tr key={s.subtask}>
                    <td>{s.subtask}</td>
                    <td>
                      <StatusBadge status={s.status} />
                    </td>
                    <td>
                      {s["taskmanager-id"] && s["taskmanager-id"] !== "(unassigned)" ? <Link to={`/taskmanagers/${encodeURIComponent(s["taskmanager-id"])}`}>{s.host}</Link> : s.host}
                    </td>
                    <td>{formatCount(s.metrics["read-records"])}</td>
                    <td>{formatCount(s.metrics["write-records"])}</td>
                    <td>{formatBytes(s.metrics["read-bytes"])}</td>
                    <td>{formatBytes(s.metrics["write-bytes"])}</td>
                    <td>{formatPercent(s.metrics.busyTimeMsPerSecond / 1000)}</td>
                    <td>{formatPercent(s.metrics.backPressuredTimeMsPerSecond / 1000)}</td>
                    <td>{formatPercent(s.metrics.idleTimeMsPerSecond / 1000)}</td>
                    <td>{formatDuration(s.duration)}</td>
                    <td>{s.attempt}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
      {tab === "watermarks" && (
        <>
          <ErrorBox error={watermarks.error} />
          {!watermarks.data ? (
            <Loading what="watermarks" />
          ) : !watermarks.data.length ? (
            <Empty>No watermarks reported yet.</Empty>
          ) : (
            <table className="table compact" data-testid="watermarks-table">
              <thead>
                <tr>
                  <th>Subtask</th>
                  <th>Current input watermark</th>
                </tr>
              </thead>
              <tbody>
                {watermarks.data.map((w) => (
                  <tr key={w.id}>
                    <td>{w.id.split(".")[0]}</td>
                    <td>{formatWatermark(w.value)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
      {tab === "backpressure" && (
        <>
          <ErrorBox error={backpressure.error} />
          {!backpressure.data ? (
            <Loading what="backpressure" />
          ) : backpressure.data.status === "deprecated" || !backpressure.data.subtasks ? (
            <Empty>No subtask has reported its time accounting yet.</Empty>
          ) : (
            <div data-testid="backpressure-view">
              <p>
                Backpressure status: <span className={`level level-${backpressure.data["backpressure-level"]}`} data-testid="backpressure-level">{backpressure.data["backpressure-level"]?.toUpperCase()}</span>
              </p>
              <table className="table compact">
                <thead>
                  <tr>
                    <th>Subtask</th>
                    <th>Level</th>
                    <th>Backpressured</th>
                    <th>Busy</th>
                    <th>Idle</th>
                  </tr>
                </thead>
                <tbody>
                  {backpressure.data.subtasks.map((s) => (
                    <tr key={s.subtask}>
                      <td>{s.subtask}</td>
                      <td>
                        <span className={`level level-${s["backpressure-level"]}`}>{s["backpressure-level"].toUpperCase()}</span>
                      </td>
                      <td>
                        <Bar ratio={s.ratio} tone="bp" />
                      </td>
                      <td>
                        <Bar ratio={s.busyRatio} tone="busy" />
                      </td>
                      <td>
                        <Bar ratio={s.idleRatio} tone="idle" />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
      {tab === "metrics" && <VertexMetricsTab jobId={jobId} vertexId={vertexId} />}
      {tab === "flamegraph" && <FlameGraphTab jobId={jobId} vertexId={vertexId} parallelism={v?.parallelism ?? 1} />}
    </section>
  );
}

function Bar({ ratio, tone }: { ratio: number; tone: string }) {
  return (
    <span className="bar">
      <span className={`bar-fill bar-${tone}`} style={{ width: `${Math.round(ratio * 100)}%` }} />
      <span className="bar-text">{formatPercent(ratio)}</span>
    </span>
  );
}
