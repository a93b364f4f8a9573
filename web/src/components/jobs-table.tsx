/** Jobs as Flink lists them: name, start, duration, end, task counts per state, status. */
import type { JobOverview } from "../api/types";
import { formatDuration, formatTime } from "../format";
import { navigate, Link } from "../router";
import { StatusBadge, TaskCounts } from "./status-badge";
import { Empty } from "./feedback";

export function JobsTable({ jobs, empty, testId }: { jobs: JobOverview[]; empty: string; testId: string }) {
  if (!jobs.length) return <Empty>{empty}</Empty>;
  return (
    <table className="table clickable" data-testid={testId}>
      <thead>
        <tr>
          <th>Job Name</th>
          <th>Start Time</th>
          <th>Duration</th>
          <th>End Time</th>
          <th>Tasks</th>
          <th>Status</th>
        </tr>
      </thead>
      <tbody>
        {jobs.map((j) => (
          <tr key={j.jid} data-job-id={j.jid} onClick={() => navigate(`/jobs/${j.jid}`)}>
            <td>
              <Link to={`/jobs/${j.jid}`} onClick={(e) => e.stopPropagation()}>
                {j.name}
              </Link>
              <div className="muted small mono">{j.jid}</div>
            </td>
            <td>{formatTime(j["start-time"])}</td>
            <td>{formatDuration(j.duration)}</td>
            <td>{formatTime(j["end-time"])}</td>
            <td>
              <TaskCounts counts={j.tasks} />
            </td>
            <td>
              <StatusBadge status={j.state} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
