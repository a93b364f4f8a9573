/** TaskManagers: id, host, slots (total and free), hardware, time since the last heartbeat. */
import { api } from "../api/client";
import { ErrorBox, Loading, Empty } from "../components/feedback";
import { formatBytes, formatDuration } from "../format";
import { usePoll } from "../hooks/use-poll";
import { Link, navigate } from "../router";

export function TaskManagersPage() {
  const tms = usePoll(() => api.listTaskManagers(), "taskmanagers");
  const list = tms.data?.taskmanagers;
  return (
    <div className="page" data-page="taskmanagers">
      <h1>Task Managers</h1>
      <ErrorBox error={tms.error} />
      {!list ? (
        !tms.error && <Loading what="TaskManagers" />
      ) : !list.length ? (
        <Empty>No TaskManager is registered.</Empty>
      ) : (
        <table className="table clickable" data-testid="taskmanagers-table">
          <thead>
            <tr>
              <th>ID</th>
              <th>Host</th>
              <th>Data Port</th>
              <th>Last Heartbeat</th>
              <th>All Slots</th>
              <th>Free Slots</th>
              <th>CPU Cores</th>
              <th>Physical Memory</th>
            </tr>
          </thead>
          <tbody>
            {list.map((t) => (
              <tr key={t.id} data-taskmanager-id={t.id} onClick={() => navigate(`/taskmanagers/${encodeURIComponent(t.id)}`)}>
                <td>
                  <Link to={`/taskmanagers/${encodeURIComponent(t.id)}`} onClick={(e) => e.stopPropagation()} className="mono">
                    {t.id}
                  </Link>
                  <div className="muted small mono">{t.path}</div>
                </td>
                <td>{t.host}</td>
                <td>{t.dataPort >= 0 ? t.dataPort : "in-process"}</td>
                <td>{formatDuration(t.timeSinceLastHeartbeat)} ago</td>
                <td>{t.slotsNumber}</td>
                <td>{t.freeSlots}</td>
                <td>{t.hardware.cpuCores}</td>
                <td>{formatBytes(t.hardware.physicalMemory)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
