/**
 * Checkpoints: counts, the latest completed / savepoint / failed / restored, history (a row opens
 * that checkpoint's per-vertex and per-subtask figures, checkpoint-details.tsx), configuration.
 */
import { useState } from "react";
import { api } from "../api/client";
import { CheckpointDetails } from "./checkpoint-details";
import type { CheckpointEntry } from "../api/types";
import { ErrorBox, Loading, Empty } from "../components/feedback";
import { StatusBadge } from "../components/status-badge";
import { formatBytes, formatClock, formatDuration, formatTime } from "../format";
import { usePoll } from "../hooks/use-poll";

export function CheckpointsTab({ jobId, vertices }: { jobId: string; vertices: ReadonlyArray<{ id: string; name: string }> }) {
  const [selected, setSelected] = useState<number | undefined>();
  const vertexNames = new Map(vertices.map((v) => [v.id, v.name]));
  const stats = usePoll(() => api.getJobCheckpoints({ path: { jobid: jobId } }), `cp:${jobId}`);
  const config = usePoll(() => api.getJobCheckpointConfig({ path: { jobid: jobId } }), `cpconf:${jobId}`);
  const s = stats.data;
  const c = config.data;
  return (
    <div data-testid="checkpoints-tab">
      <ErrorBox error={stats.error} />
      {!s ? (
        !stats.error && <Loading what="checkpoint statistics" />
      ) : (
        <>
          <h3>Counts</h3>
          <dl className="facts" data-testid="checkpoint-counts">
            <Fact label="Triggered" value={s.counts.total} />
            <Fact label="In Progress" value={s.counts.in_progress} />
            <Fact label="Completed" value={s.counts.completed} testId="checkpoints-completed" />
            <Fact label="Failed" value={s.counts.failed} />
            <Fact label="Restored" value={s.counts.restored} />
          </dl>
          <h3>Latest</h3>
          <table className="table compact" data-testid="checkpoint-latest">
            <tbody>
              <LatestRow label="Latest Completed Checkpoint" entry={s.latest.completed} onSelect={setSelected} />
              <LatestRow label="Latest Savepoint" entry={s.latest.savepoint} onSelect={setSelected} />
              <LatestRow label="Latest Failed Checkpoint" entry={s.latest.failed} onSelect={setSelected} />
              <tr>
                <th>Latest Restore</th>
                <td colSpan={3}>
                  {s.latest.restored ? (
                    <>
                      ID {s.latest.restored.id} at {formatTime(s.latest.restored.restore_timestamp)} {s.latest.restored.is_savepoint ? "(savepoint)" : ""}{" "}
                      <span className="mono small">{s.latest.restored.external_path ?? ""}</span>
                    </>
                  ) : (
                    <span className="muted">None</span>
                  )}
                </td>
              </tr>
            </tbody>
          </table>
          <h3>Summary</h3>
          <table className="table compact">
            <thead>
              <tr>
                <th />
                <th>Min</th>
                <th>Average</th>
                <th>Max</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th>End to End Duration</th>
                <td>{formatDuration(s.summary.end_to_end_duration.min)}</td>
                <td>{formatDuration(s.summary.end_to_end_duration.avg)}</td>
                <td>{formatDuration(s.summary.end_to_end_duration.max)}</td>
              </tr>
              <tr>
                <th>Checkpointed Data Size</th>
                <td>{formatBytes(s.summary.checkpointed_size.min)}</td>
                <td>{formatBytes(s.summary.checkpointed_size.avg)}</td>
                <td>{formatBytes(s.summary.checkpointed_size.max)}</td>
              </tr>
              <tr>
                <th>Full Checkpoint Data Size</th>
                <td>{formatBytes(s.summary.state_size.min)}</td>
                <td>{formatBytes(s.summary.state_size.avg)}</td>
                <td>{formatBytes(s.summary.state_size.max)}</td>
              </tr>
              <tr>
                <th>Processed In-Flight Data</th>
                <td>{formatBytes(s.summary.processed_data.min)}</td>
                <td>{formatBytes(s.summary.processed_data.avg)}</td>
                <td>{formatBytes(s.summary.processed_data.max)}</td>
              </tr>
              <tr>
                <th>Persisted In-Flight Data</th>
                <td>{formatBytes(s.summary.persisted_data.min)}</td>
                <td>{formatBytes(s.summary.persisted_data.avg)}</td>
                <td>{formatBytes(s.summary.persisted_data.max)}</td>
              </tr>
            </tbody>
          </table>
          <h3>History</h3>
          {!s.history.length ? (
            <Empty>No checkpoints yet.</Empty>
          ) : (
            <table className="table compact nowrap clickable" data-testid="checkpoint-history">
              <thead>
                <tr>
                  <th>ID</th>
                  <th>Status</th>
                  <th>Type</th>
                  <th>Acknowledged</th>
                  <th>Triggered</th>
                  <th>Latest Ack</th>
                  <th>End to End</th>
                  <th>Sync / Async / Alignment</th>
                  <th>Checkpointed Size</th>
                  <th>Full Size</th>
                  <th>Processed (Persisted) In-Flight Data</th>
                </tr>
              </thead>
              <tbody>
                {s.history.map((h) => (
                  <tr
                    key={h.id}
                    data-checkpoint-id={h.id}
                    className={h.id === selected ? "selected" : undefined}
                    title={h.failure_message ?? h.external_path ?? ""}
                    onClick={() => setSelected(h.id === selected ? undefined : h.id)}
                  >
                    <td>{h.id}</td>
                    <td>
                      <StatusBadge status={h.status} />
                    </td>
                    <td>{h.checkpoint_type === "SAVEPOINT" ? "Savepoint" : h.checkpoint_type === "UNALIGNED_CHECKPOINT" ? "Unaligned Checkpoint" : "Checkpoint"}</td>
                    <td>
                      {h.num_acknowledged_subtasks}/{h.num_subtasks}
                    </td>
                    <td title={formatTime(h.trigger_timestamp)}>{formatClock(h.trigger_timestamp)}</td>
                    <td title={formatTime(h.latest_ack_timestamp)}>{formatClock(h.latest_ack_timestamp)}</td>
                    <td>{formatDuration(h.end_to_end_duration)}</td>
                    <td>
                      {formatDuration(h.sync_duration)} / {formatDuration(h.async_duration)} / {formatDuration(h.alignment_duration)}
                    </td>
                    <td>{formatBytes(h.checkpointed_size)}</td>
                    <td>{formatBytes(h.state_size)}</td>
                    <td>
                      {formatBytes(h.processed_data)} ({formatBytes(h.persisted_data)})
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {selected !== undefined && <CheckpointDetails key={selected} jobId={jobId} checkpointId={selected} vertexNames={vertexNames} />}
        </>
      )}
      <h3>Configuration</h3>
      <ErrorBox error={config.error} />
      {c && (
        <table className="table compact" data-testid="checkpoint-config">
          <tbody>
            <ConfigRow label="Checkpointing Mode" value={c.mode === "exactly_once" ? "Exactly Once" : "At Least Once"} />
            <ConfigRow label="Interval" value={c.interval > 0 && c.interval < 9e15 ? formatDuration(c.interval) : "Periodic checkpoints disabled"} />
            <ConfigRow label="Timeout" value={formatDuration(c.timeout)} />
            <ConfigRow label="Minimum Pause Between Checkpoints" value={formatDuration(c.min_pause)} />
            <ConfigRow label="Maximum Concurrent Checkpoints" value={c.max_concurrent} />
            <ConfigRow label="Unaligned Checkpoints" value={c.unaligned_checkpoints ? "Enabled" : "Disabled"} />
            <ConfigRow label="Persist Checkpoints Externally" value={c.externalization.enabled ? (c.externalization.delete_on_cancellation ? "Enabled (delete on cancellation)" : "Enabled (retain on cancellation)") : "Disabled"} />
            <ConfigRow label="Checkpoints Retained" value={c.checkpoints_retained} />
            <ConfigRow label="Tolerable Failed Checkpoints" value={c.tolerable_failed_checkpoints} />
            <ConfigRow label="State Backend" value={c.state_backend} />
            <ConfigRow label="Checkpoint Storage" value={c.checkpoint_storage} />
          </tbody>
        </table>
      )}
    </div>
  );
}

function Fact({ label, value, testId }: { label: string; value: number; testId?: string }) {
  return (
    <div className="fact" data-testid={testId}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function LatestRow({ label, entry, onSelect }: { label: string; entry: CheckpointEntry | null; onSelect: (id: number) => void }) {
  return (
    <tr className={entry ? "clickable" : undefined} data-latest={label} onClick={entry ? () => onSelect(entry.id) : undefined}>
      <th>{label}</th>
      {entry ? (
        <>
          <td className="nowrap-cell">ID {entry.id}</td>
          <td>
            {formatTime(entry.trigger_timestamp)} · {formatDuration(entry.end_to_end_duration)} · {formatBytes(entry.state_size)}
          </td>
          <td className="mono small">{entry.status === "FAILED" ? (entry.failure_message ?? "") : (entry.external_path ?? "")}</td>
        </>
      ) : (
        <td colSpan={3} className="muted">
          None
        </td>
      )}
    </tr>
  );
}

function ConfigRow({ label, value }: { label: string; value: string | number }) {
  return (
    <tr>
      <th>{label}</th>
      <td>{value}</td>
    </tr>
  );
}
