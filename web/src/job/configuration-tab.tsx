/**
 * The job's configuration as far as the REST API reports it: identity, parallelism per vertex with
 * its chained operators and uids, the time of each state change.
 */
import type { ReactNode } from "react";
import type { JobDetails } from "../api/types";
import { formatTime } from "../format";

export function ConfigurationTab({ job }: { job: JobDetails }) {
  const vertexNames = new Map(job.vertices.map((v) => [v.id, v.name]));
  return (
    <div data-testid="configuration-tab">
      <h3>Job</h3>
      <table className="table compact">
        <tbody>
          <Row label="Job ID" value={<span className="mono">{job.jid}</span>} />
          <Row label="Name" value={job.name} />
          <Row label="Type" value={job["job-type"]} />
          <Row label="Max Parallelism" value={job.maxParallelism > 0 ? job.maxParallelism : "default"} />
          <Row label="Restarts" value={job.restarts} />
          <Row label="Stoppable" value={job.isStoppable ? "yes" : "with a savepoint (Stop)"} />
        </tbody>
      </table>
      <h3>Vertices</h3>
      <table className="table compact" data-testid="vertex-config">
        <thead>
          <tr>
            <th>Vertex</th>
            <th>Parallelism</th>
            <th>Max Parallelism</th>
            <th>Operators (uid)</th>
            <th>Inputs</th>
          </tr>
        </thead>
        <tbody>
          {job.plan.nodes.map((n) => {
            const v = job.vertices.find((x) => x.id === n.id);
            return (
              <tr key={n.id}>
                <td>{v?.name ?? n.description}</td>
                <td>{n.parallelism}</td>
                <td>{v?.maxParallelism ?? "–"}</td>
                <td>
                  {n.chain.map((op) => (
                    <div key={op.id}>
                      {op.kind} {op.name} <span className="muted mono small">{op.uid}</span>
                    </div>
                  ))}
                </td>
                <td>
                  {(n.inputs ?? []).map((i) => (
                    <div key={`${i.id}-${i.num}`}>
                      {i.ship_strategy} from {vertexNames.get(i.id) ?? i.id}
                    </div>
                  ))}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h3>State Timestamps</h3>
      <table className="table compact">
        <tbody>
          {Object.entries(job.timestamps)
            .filter(([, t]) => t > 0)
            .sort(([, a], [, b]) => a - b)
            .map(([state, t]) => (
              <Row key={state} label={state} value={formatTime(t)} />
            ))}
        </tbody>
      </table>
    </div>
  );
}

function Row({ label, value }: { label: string; value: ReactNode }) {
  return (
    <tr>
      <th>{label}</th>
      <td>{value}</td>
    </tr>
  );
}
