/** Checkpoint statistics, configuration and savepoint operations in Flink's JSON. */
import type { CheckpointDetails, CheckpointSettings, CheckpointStatsSnapshot } from "../../cluster/dispatcher/restful-gateway.js";
import { summaryStats, type CheckpointSizes } from "../../cluster/jobmaster/checkpoint-stats.js";
import type { OperationState } from "../async-operations.js";
import { failureCauseJson } from "./job-views.js";

type Entry = CheckpointStatsSnapshot["history"][number];

/**
 * Flink's size and in-flight figures. `alignment_buffered` is Flink's deprecated field, which it
 * reports as 0 since `processed_data` and `persisted_data` replaced it (Flink 1.12).
 */
function sizesJson(s: CheckpointSizes): Record<string, number> {
  return { state_size: s.state_size, checkpointed_size: s.checkpointed_size, processed_data: s.processed_data, persisted_data: s.persisted_data, alignment_buffered: 0 };
}

/** Flink's TaskCheckpointStatistics of each vertex. */
function vertexStatsJson(e: Entry): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(e.tasks).map(([vertexId, v]) => [
      vertexId,
      {
        id: e.id,
        status: e.status,
        latest_ack_timestamp: v.latest_ack_timestamp,
        ...sizesJson(v),
        end_to_end_duration: v.end_to_end_duration,
        num_subtasks: v.num_subtasks,
        num_acknowledged_subtasks: v.num_acknowledged_subtasks,
      },
    ]),
  );
}

export function checkpointEntryJson(e: Entry): Record<string, unknown> {
  const kind = e.status === "COMPLETED" ? "completed" : e.status === "FAILED" ? "failed" : "in_progress";
  const out: Record<string, unknown> = {
    // Flink 2 tags the entries with className; the dashboard and Flink 1.x clients read @class.
    className: kind,
    "@class": kind,
    id: e.id,
    status: e.status,
    is_savepoint: e.is_savepoint,
    checkpoint_type: e.is_savepoint ? "SAVEPOINT" : e.unaligned ? "UNALIGNED_CHECKPOINT" : "CHECKPOINT",
    trigger_timestamp: e.trigger_timestamp,
    latest_ack_timestamp: e.latest_ack_timestamp,
    ...sizesJson(e),
    end_to_end_duration: e.end_to_end_duration,
    num_subtasks: e.num_subtasks,
    num_acknowledged_subtasks: e.num_acknowledged_subtasks,
    sync_duration: e.sync_duration,
    async_duration: e.async_duration,
    alignment_duration: e.alignment_duration,
    // Flink writes the format of savepoints only; Sluice's savepoints are always in its one format.
    savepointFormat: e.is_savepoint ? "CANONICAL" : null,
    tasks: vertexStatsJson(e),
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
    summary: {
      checkpointed_size: { ...s.summary.checkpointed_size },
      state_size: { ...s.summary.state_size },
      end_to_end_duration: { ...s.summary.end_to_end_duration },
      alignment_buffered: summaryStats([]),
      processed_data: { ...s.summary.processed_data },
      persisted_data: { ...s.summary.persisted_data },
    },
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

/** `changelogMaterializeMs`: the state changelog's materialization interval when it is on (the cluster's setting). */
export function checkpointConfigJson(c: CheckpointSettings, stateBackend: string, changelogMaterializeMs?: number): Record<string, unknown> {
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
    unaligned_checkpoints: c.unaligned,
    tolerable_failed_checkpoints: c.tolerableFailures,
    checkpoints_retained: c.retained,
    aligned_checkpoint_timeout: c.alignedCheckpointTimeoutMs,
    checkpoints_after_tasks_finish: c.checkpointsAfterTasksFinish,
    state_changelog_enabled: changelogMaterializeMs !== undefined,
    // The changelog's segments go to the checkpoint storage (docs/checkpoints.md, "Incremental checkpoints").
    changelog_storage: changelogMaterializeMs !== undefined ? "filesystem" : "none",
    changelog_periodic_materialization_interval: changelogMaterializeMs ?? 0,
  };
}

/**
 * Flink's AsynchronousOperationResult. The failure's field is `failure-cause` for savepoints and
 * disposals, `failureCause` for checkpoint triggers (Flink's CheckpointInfo spells it so).
 */
export function operationJson(state: OperationState, failureField: "failure-cause" | "failureCause" = "failure-cause"): Record<string, unknown> {
  switch (state.status) {
    case "IN_PROGRESS":
      return { status: { id: "IN_PROGRESS" } };
    case "COMPLETED":
      return { status: { id: "COMPLETED" }, operation: { ...state.result } };
    case "FAILED":
      return { status: { id: "COMPLETED" }, operation: { [failureField]: failureCauseJson(state.error) } };
  }
}

/** /checkpoints/details/:checkpointid/subtasks/:vertexid: one vertex's part, subtask by subtask. */
export function vertexCheckpointDetailsJson(d: CheckpointDetails, vertexId: string): Record<string, unknown> | undefined {
  const e = d.entry;
  const v = e.tasks[vertexId];
  if (!v) return undefined;
  const acks = d.acks[vertexId] ?? [];
  const acked = new Map(acks.map((a) => [a.subtask, a]));
  const zero = summaryStats([]);
  return {
    ...(vertexStatsJson(e)[vertexId] as Record<string, unknown>),
    summary: {
      checkpointed_size: summaryStats(acks.map((a) => a.checkpointedSize)),
      state_size: summaryStats(acks.map((a) => a.stateSize)),
      end_to_end_duration: summaryStats(acks.map((a) => a.ackTimestamp - e.trigger_timestamp)),
      checkpoint_duration: { sync: summaryStats(acks.map((a) => a.syncDurationMs)), async: summaryStats(acks.map((a) => a.asyncDurationMs)) },
      alignment: {
        buffered: zero,
        processed: summaryStats(acks.map((a) => a.processedData)),
        persisted: summaryStats(acks.map((a) => a.persistedData)),
        duration: summaryStats(acks.map((a) => a.alignmentDurationMs)),
      },
      // The trigger reaches the subtasks with the barrier; Sluice does not measure the delay apart.
      start_delay: zero,
    },
    subtasks: Array.from({ length: v.num_subtasks }, (_, index) => {
      const a = acked.get(index);
      if (!a) return { index, status: "pending_or_failed" };
      return {
        index,
        status: "completed",
        ack_timestamp: a.ackTimestamp,
        end_to_end_duration: a.ackTimestamp - e.trigger_timestamp,
        state_size: a.stateSize,
        checkpointed_size: a.checkpointedSize,
        checkpoint: { sync: a.syncDurationMs, async: a.asyncDurationMs },
        alignment: { buffered: 0, processed: a.processedData, persisted: a.persistedData, duration: a.alignmentDurationMs },
        start_delay: 0,
        unaligned_checkpoint: a.unaligned,
        aborted: false,
        restored_locally: a.restoredLocally,
        finished: a.finished,
      };
    }),
  };
}
