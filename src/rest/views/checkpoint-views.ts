/** Checkpoint statistics, configuration and savepoint operations in Flink's JSON. */
import type { CheckpointSettings, CheckpointStatsSnapshot } from "../../cluster/dispatcher/restful-gateway.js";
import type { OperationState } from "../async-operations.js";
import { failureCauseJson } from "./job-views.js";

type Entry = CheckpointStatsSnapshot["history"][number];

export function checkpointEntryJson(e: Entry): Record<string, unknown> {
  const out: Record<string, unknown> = {
    "@class": e.status === "COMPLETED" ? "completed" : e.status === "FAILED" ? "failed" : "in_progress",
    id: e.id,
    status: e.status,
    is_savepoint: e.is_savepoint,
    checkpoint_type: e.is_savepoint ? "SAVEPOINT" : "CHECKPOINT",
    trigger_timestamp: e.trigger_timestamp,
    latest_ack_timestamp: e.latest_ack_timestamp,
    state_size: e.state_size,
    // Snapshots are full, so what a checkpoint wrote is its whole state.
    checkpointed_size: e.state_size,
    end_to_end_duration: e.end_to_end_duration,
    num_subtasks: e.num_subtasks,
    num_acknowledged_subtasks: e.num_acknowledged_subtasks,
    sync_duration: e.sync_duration,
    async_duration: e.async_duration,
    alignment_duration: e.alignment_duration,
  };
  if (e.status === "COMPLETED") {
    out.external_path = e.external_path ?? null;
    out.discarded = false;
  }
  if (e.status === "FAILED") {
    out.failure_timestamp = Math.max(0, e.latest_ack_timestamp, e.trigger_timestamp);
    out.failure_message = e.failure_message ?? null;
  }
  return out;
}

export function checkpointStatsJson(s: CheckpointStatsSnapshot): Record<string, unknown> {
  const entry = (e: Entry | null): Record<string, unknown> | null => (e ? checkpointEntryJson(e) : null);
  const r = s.latest.restored;
  return {
    counts: { ...s.counts },
    summary: { checkpointed_size: { ...s.summary.state_size }, state_size: { ...s.summary.state_size }, end_to_end_duration: { ...s.summary.end_to_end_duration } },
    latest: {
      completed: entry(s.latest.completed),
      savepoint: entry(s.latest.savepoint),
      failed: entry(s.latest.failed),
      // Savepoint folders are named savepoint-<job>-<random> (checkpoint-storage.ts); checkpoints chk-<n>.
      restored: r ? { id: r.id, restore_timestamp: r.restore_timestamp, is_savepoint: /(^|\/)savepoint-[^/]*\/?$/.test(r.external_path), external_path: r.external_path } : null,
    },
    history: s.history.map(checkpointEntryJson),
  };
}

export function checkpointConfigJson(c: CheckpointSettings, stateBackend: string): Record<string, unknown> {
  return {
    mode: c.mode.replace("-", "_"),
    interval: c.intervalMs,
    timeout: c.timeoutMs,
    min_pause: c.minPauseMs,
    max_concurrent: c.maxConcurrent,
    // Completed checkpoints always live in the checkpoint directory; cancellation may delete them.
    externalization: { enabled: true, delete_on_cancellation: !c.retainOnCancellation },
    state_backend: stateBackend,
    checkpoint_storage: "FileSystemCheckpointStorage",
    unaligned_checkpoints: false,
    tolerable_failed_checkpoints: c.tolerableFailures,
    checkpoints_retained: c.retained,
  };
}

export function operationJson(state: OperationState): Record<string, unknown> {
  switch (state.status) {
    case "IN_PROGRESS":
      return { status: { id: "IN_PROGRESS" } };
    case "COMPLETED":
      return { status: { id: "COMPLETED" }, operation: { location: state.location } };
    case "FAILED":
      return {
        status: { id: "COMPLETED" },
        operation: { "failure-cause": failureCauseJson(state.error) },
      };
  }
}
