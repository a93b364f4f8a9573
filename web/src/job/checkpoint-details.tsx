/**
 * One checkpoint of the history, as Flink's dashboard shows it: per vertex what it acknowledged,
 * its sizes (checkpointed vs full) and in-flight data (processed, persisted), and per subtask the
 * synchronous and asynchronous durations, alignment, whether the barrier was unaligned and whether
 * the subtask restored from its local copy (/jobs/:jobid/checkpoints/details/:checkpointid[/subtasks/:vertexid]).
 */
import { useState } from "react";
import { api } from "../api/client";
import { ErrorBox, Loading } from "../components/feedback";
import { formatBytes, formatClock, formatDuration, formatTime } from "../format";
import { usePoll } from "../hooks/use-poll";

export function CheckpointDetails({ jobId, checkpointId, vertexNames }: { jobId: string; checkpointId: number; vertexNames: ReadonlyMap<string, string> }) {
  const details = usePoll(() => api.getJobCheckpointDetails({ path: { jobid: jobId, checkpointid: checkpointId } }), `cpd:${jobId}:${checkpointId}`);
  const [open, setOpen] = useState<string | undefined>();
  const d = details.data;
  return (
    <div data-testid="checkpoint-details" data-checkpoint-id={checkpointId}>
      <h3>Checkpoint {checkpointId}</h3>
      <ErrorBox error={details.error} />
      {!d ? (
        !details.error && <Loading what={`checkpoint ${checkpointId}`} />
      ) : (
        <table className="table compact nowrap clickable" data-testid="checkpoint-vertices">
          <thead>
            <tr>
              <th>Vertex</th>
              <th>Acknowledged</th>
              <th>Latest Ack</th>
              <th>End to End</th>
              <th>Checkpointed Size</th>
              <th>Full Size</th>
              <th>Processed (Persisted) In-Flight Data</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(d.tasks).map(([vertexId, v]) => (
              <VertexRows
                key={vertexId}
                jobId={jobId}
                checkpointId={checkpointId}
                vertexId={vertexId}
                name={vertexNames.get(vertexId) ?? vertexId}
                vertex={v}
                open={open === vertexId}
                onToggle={() => setOpen(open === vertexId ? undefined : vertexId)}
              />
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

interface VertexFigures {
  num_acknowledged_subtasks: number;
  num_subtasks: number;
  latest_ack_timestamp: number;
  end_to_end_duration: number;
  checkpointed_size: number;
  state_size: number;
  processed_data: number;
  persisted_data: number;
}

function VertexRows(props: { jobId: string; checkpointId: number; vertexId: string; name: string; vertex: VertexFigures; open: boolean; onToggle: () => void }) {
  const v = props.vertex;
  return (
    <>
      <tr data-vertex-id={props.vertexId} onClick={props.onToggle}>
        <td>{props.name}</td>
        <td>
          {v.num_acknowledged_subtasks}/{v.num_subtasks}
        </td>
        <td title={formatTime(v.latest_ack_timestamp)}>{formatClock(v.latest_ack_timestamp)}</td>
        <td>{formatDuration(v.end_to_end_duration)}</td>
        <td>{formatBytes(v.checkpointed_size)}</td>
        <td>{formatBytes(v.state_size)}</td>
        <td>
          {formatBytes(v.processed_data)} ({formatBytes(v.persisted_data)})
        </td>
      </tr>
      {props.open && (
        <tr>
          <td colSpan={7}>
            <SubtaskTable jobId={props.jobId} checkpointId={props.checkpointId} vertexId={props.vertexId} />
          </td>
        </tr>
      )}
    </>
  );
}

function SubtaskTable({ jobId, checkpointId, vertexId }: { jobId: string; checkpointId: number; vertexId: string }) {
  const polled = usePoll(() => api.getJobCheckpointVertexDetails({ path: { jobid: jobId, checkpointid: checkpointId, vertexid: vertexId } }), `cpv:${jobId}:${checkpointId}:${vertexId}`);
  const d = polled.data;
  if (!d) return polled.error ? <ErrorBox error={polled.error} /> : <Loading what="subtasks" />;
  return (
    <table className="table compact nowrap" data-testid="checkpoint-subtasks">
      <thead>
        <tr>
          <th>Subtask</th>
          <th>Status</th>
          <th>End to End</th>
          <th>Sync Duration</th>
          <th>Async Duration</th>
          <th>Alignment Duration</th>
          <th>Checkpointed Size</th>
          <th>Full Size</th>
          <th>Processed (Persisted) In-Flight Data</th>
          <th>Unaligned</th>
          <th>Restored Locally</th>
        </tr>
      </thead>
      <tbody>
        {d.subtasks.map((s) => (
          <tr key={s.index} data-subtask={s.index}>
            <td>{s.index + 1}</td>
            <td>{s.finished ? "finished" : s.status}</td>
            <td>{formatDuration(s.end_to_end_duration)}</td>
            <td>{formatDuration(s.checkpoint?.sync)}</td>
            <td>{formatDuration(s.checkpoint?.async)}</td>
            <td>{formatDuration(s.alignment?.duration)}</td>
            <td>{formatBytes(s.checkpointed_size)}</td>
            <td>{formatBytes(s.state_size)}</td>
            <td>
              {formatBytes(s.alignment?.processed)} ({formatBytes(s.alignment?.persisted)})
            </td>
            <td>{s.status === "completed" ? (s.unaligned_checkpoint ? "yes" : "no") : ""}</td>
            <td>{s.status === "completed" ? (s.restored_locally ? "yes" : "no") : ""}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
