/** One TaskManager: its slots and the jobs holding them, hardware, last heartbeat; tabs for its runtime's metrics, its logs and its stdout. */
import { api } from "../api/client";
import { ErrorBox, Loading } from "../components/feedback";
import { formatBytes, formatDuration } from "../format";
import { usePoll } from "../hooks/use-poll";
import { Link } from "../router";
import { LogFiles, PolledText } from "../components/log-files";
import { Tabs } from "../components/tabs";
import { TaskManagerMetrics } from "./taskmanager-metrics";

export function TaskManagerPage({ id, tab }: { id: string; tab: string }) {
  const path = { taskmanagerid: id };
  const base = `/taskmanagers/${encodeURIComponent(id)}`;
  const tm = usePoll(() => api.getTaskManager({ path: { taskmanagerid: id } }), `tm:${id}`);
  const jobs = usePoll(() => api.listJobOverviews(), "jobs");
  const names = new Map((jobs.data?.jobs ?? []).map((j) => [j.jid, j.name]));
  const t = tm.data;
  return (
    <div className="page" data-page="taskmanager" data-taskmanager-id={id}>
      <p>
        <Link to="/taskmanagers">← Task Managers</Link>
      </p>
      <h1 className="mono">{id}</h1>
      <ErrorBox error={tm.error} />
      {!t ? (
        !tm.error && <Loading what="the TaskManager" />
      ) : (
        <>
          <dl className="facts" data-testid="taskmanager-facts">
            <div className="fact">
              <dt>Host</dt>
              <dd>{t.host}</dd>
            </div>
            <div className="fact">
              <dt>Address</dt>
              <dd className="mono small">{t.path}</dd>
            </div>
            <div className="fact">
              <dt>Last Heartbeat</dt>
              <dd>{formatDuration(t.timeSinceLastHeartbeat)} ago</dd>
            </div>
            <div className="fact">
              <dt>Slots</dt>
              <dd>
                {t.slotsNumber - t.freeSlots} used / {t.slotsNumber}
              </dd>
            </div>
            <div className="fact">
              <dt>CPU Cores</dt>
              <dd>{t.hardware.cpuCores}</dd>
            </div>
            <div className="fact">
              <dt>Physical Memory</dt>
              <dd>{formatBytes(t.hardware.physicalMemory)}</dd>
            </div>
          </dl>
          <h2>Slots</h2>
          <table className="table compact" data-testid="slots-table">
            <thead>
              <tr>
                <th>Slot</th>
                <th>Job</th>
                <th>Allocation</th>
              </tr>
            </thead>
            <tbody>
              {t.slots.map((s) => (
                <tr key={s.index} data-slot={s.index} data-free={s.jobId ? "false" : "true"}>
                  <td>{s.index}</td>
                  <td>{s.jobId ? <Link to={`/jobs/${s.jobId}`}>{names.get(s.jobId) ?? s.jobId}</Link> : <span className="muted">free</span>}</td>
                  <td className="mono small">{s.allocationId ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Tabs
            active={tab}
            tabs={[
              { id: "metrics", label: "Metrics", to: base },
              { id: "logs", label: "Logs", to: `${base}/logs` },
              { id: "stdout", label: "Stdout", to: `${base}/stdout` },
            ]}
          />
          {tab === "logs" ? (
            <LogFiles
              list={() => api.listTaskManagerLogs({ path })}
              read={(logname) => api.getTaskManagerLogFile({ path: { ...path, logname } })}
              readMain={() => api.getTaskManagerLog({ path })}
              pollKey={`tm-log:${id}`}
              testId="tm-log"
            />
          ) : tab === "stdout" ? (
            <PolledText read={() => api.getTaskManagerStdout({ path })} pollKey={`tm-stdout:${id}`} testId="tm-stdout" />
          ) : (
            <TaskManagerMetrics id={id} />
          )}
        </>
      )}
    </div>
  );
}
