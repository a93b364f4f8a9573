/** Schemas of checkpoint statistics, checkpoint configuration and savepoint operations (Flink's names). */
import type { JsonSchema } from "../schema/json-schema.js";
import { arrayOf, count, named, nullable, object } from "./common.js";
import { failureCause } from "./job-schemas.js";

/** Flink's StatsSummaryDto: over the completed checkpoints (or a vertex's subtasks), nearest-rank quantiles. */
const stats = named("StatsSummaryDto", object({ min: count, max: count, avg: count, p50: count, p90: count, p95: count, p99: count, p999: count }));

/** Flink's fields of what a checkpoint holds and wrote, and of the in-flight data around its barriers (bytes). */
const sizeFields = {
  state_size: { ...count, description: "the size of the state the checkpoint holds" },
  checkpointed_size: { ...count, description: "what this checkpoint newly wrote (with a state changelog, the changes since the last one)" },
  processed_data: { ...count, description: "input processed while barriers were aligned" },
  persisted_data: { ...count, description: "in-flight data persisted as channel state (unaligned checkpoints)" },
  alignment_buffered: { type: "integer", minimum: 0, maximum: 0, description: "deprecated in Flink, which reports 0 (processed_data and persisted_data replaced it)" },
} satisfies Record<string, JsonSchema>;

/** Flink's TaskCheckpointStatistics: one vertex's part of a checkpoint (sizes summed over its subtasks). */
const vertexCheckpointStats = named("TaskCheckpointStatistics", object({
  id: count,
  status: { type: "string", enum: ["IN_PROGRESS", "COMPLETED", "FAILED"] },
  latest_ack_timestamp: { type: "integer", minimum: -1 },
  ...sizeFields,
  end_to_end_duration: count,
  num_subtasks: count,
  num_acknowledged_subtasks: { ...count, description: "subtasks that acknowledged, finished ones (FLIP-147) included" },
}));

/** Flink's CheckpointStatistics: one checkpoint of the history. */
export const checkpointEntry: JsonSchema = named("CheckpointStatistics", object(
  {
    className: { type: "string", enum: ["completed", "failed", "in_progress"], description: "the entry's kind (Flink 2's type tag)" },
    "@class": { type: "string", enum: ["completed", "failed", "in_progress"], description: "the same as className (Flink 1's tag)" },
    id: count,
    status: { type: "string", enum: ["IN_PROGRESS", "COMPLETED", "FAILED"] },
    is_savepoint: { type: "boolean" },
    checkpoint_type: { type: "string", enum: ["CHECKPOINT", "UNALIGNED_CHECKPOINT", "SAVEPOINT"], description: "UNALIGNED_CHECKPOINT when a barrier of it overtook in-flight data" },
    trigger_timestamp: count,
    latest_ack_timestamp: { type: "integer", minimum: -1 },
    ...sizeFields,
    end_to_end_duration: count,
    num_subtasks: count,
    num_acknowledged_subtasks: count,
    external_path: nullable({ type: "string" }),
    discarded: { type: "boolean" },
    failure_timestamp: count,
    failure_message: nullable({ type: "string" }),
    sync_duration: { ...count, description: "Sluice: longest synchronous snapshot part of a subtask (ms)" },
    async_duration: { ...count, description: "Sluice: longest asynchronous write of a subtask (ms)" },
    alignment_duration: { ...count, description: "Sluice: longest barrier alignment of a subtask (ms)" },
    savepointFormat: { ...nullable({ type: "string", enum: ["CANONICAL"] }), description: "CANONICAL for savepoints, null for checkpoints (as Flink)" },
    tasks: { type: "object", additionalProperties: vertexCheckpointStats, description: "by vertex id" },
  },
  [
    "className",
    "@class",
    "id",
    "status",
    "is_savepoint",
    "checkpoint_type",
    "trigger_timestamp",
    "latest_ack_timestamp",
    "state_size",
    "checkpointed_size",
    "end_to_end_duration",
    "num_subtasks",
    "num_acknowledged_subtasks",
    "alignment_buffered",
    "processed_data",
    "persisted_data",
    "savepointFormat",
    "tasks",
  ],
));

/** Flink's CheckpointingStatistics: /jobs/:jobid/checkpoints. */
export const checkpointingStatistics: JsonSchema = named("CheckpointingStatistics", object({
  counts: object({ restored: count, total: count, in_progress: count, completed: count, failed: count }),
  summary: {
    ...object({ checkpointed_size: stats, state_size: stats, end_to_end_duration: stats, alignment_buffered: stats, processed_data: stats, persisted_data: stats }),
    description: "over the completed checkpoints of the job (the last 1000)",
  },
  latest: object({
    completed: nullable(checkpointEntry),
    savepoint: nullable(checkpointEntry),
    failed: nullable(checkpointEntry),
    restored: nullable(object({ id: count, restore_timestamp: count, is_savepoint: { type: "boolean" }, external_path: nullable({ type: "string" }) })),
  }),
  history: arrayOf(checkpointEntry),
}));

export const checkpointConfig: JsonSchema = named("CheckpointConfigInfo", object({
  mode: { type: "string", enum: ["exactly_once", "at_least_once"] },
  interval: count,
  timeout: count,
  min_pause: count,
  max_concurrent: count,
  externalization: object({ enabled: { type: "boolean" }, delete_on_cancellation: { type: "boolean" } }),
  state_backend: { type: "string" },
  checkpoint_storage: { type: "string" },
  unaligned_checkpoints: { type: "boolean" },
  tolerable_failed_checkpoints: count,
  checkpoints_retained: { ...count, description: "Sluice: completed checkpoints kept (execution.checkpointing.num-retained)" },
  aligned_checkpoint_timeout: { ...count, description: "with unaligned checkpoints: 0 starts them unaligned, otherwise aligned until this many ms" },
  checkpoints_after_tasks_finish: { type: "boolean", description: "execution.checkpointing.checkpoints-after-tasks-finish (FLIP-147)" },
  state_changelog_enabled: { type: "boolean", description: "always false: Sluice has no changelog state backend" },
  changelog_storage: { type: "string", description: "always none" },
  changelog_periodic_materialization_interval: { ...count, description: "always 0" },
}));

const summaryOf = (props: Record<string, JsonSchema>): JsonSchema => object(props);

/** Flink's TaskCheckpointStatisticsWithSubtaskDetails. */
export const vertexCheckpointDetails: JsonSchema = named("TaskCheckpointStatisticsWithSubtaskDetails", object({
  ...(vertexCheckpointStats.properties as Record<string, JsonSchema>),
  summary: summaryOf({
    checkpointed_size: stats,
    state_size: stats,
    end_to_end_duration: stats,
    checkpoint_duration: object({ sync: stats, async: stats }),
    alignment: object({ buffered: stats, processed: stats, persisted: stats, duration: stats }),
    start_delay: stats,
  }),
  subtasks: arrayOf(
    named("SubtaskCheckpointStatistics", object(
      {
        index: count,
        status: { type: "string", enum: ["completed", "pending_or_failed"] },
        ack_timestamp: count,
        end_to_end_duration: count,
        state_size: count,
        checkpointed_size: count,
        checkpoint: object({ sync: count, async: count }),
        alignment: object({ buffered: count, processed: count, persisted: count, duration: count }),
        start_delay: count,
        unaligned_checkpoint: { type: "boolean" },
        aborted: { type: "boolean" },
        restored_locally: { type: "boolean", description: "Sluice: the subtask's attempt restored from its TaskManager's local copies (execution.state-recovery.from-local)" },
        finished: { type: "boolean", description: "Sluice: the subtask had finished and is recorded without a snapshot (FLIP-147)" },
      },
      ["index", "status"],
    )),
  ),
}));

export interface CheckpointTriggerRequest {
  checkpointType?: "CONFIGURED" | "FULL" | "INCREMENTAL";
  triggerId?: string | null;
}

export const checkpointTriggerRequest: JsonSchema = object(
  {
    checkpointType: { type: "string", enum: ["CONFIGURED", "FULL", "INCREMENTAL"], description: "accepted; Sluice's checkpoints are always full" },
    triggerId: { ...nullable({ type: "string", pattern: "^[0-9a-f]{32}$" }), description: "idempotency key" },
  },
  [],
);

export const checkpointTriggerResult: JsonSchema = object(
  {
    status: object({ id: { type: "string", enum: ["IN_PROGRESS", "COMPLETED"] } }),
    operation: object({ checkpointId: count, failureCause: failureCause }, []),
  },
  ["status"],
);

export interface SavepointDisposalRequest {
  "savepoint-path": string;
}

export const savepointDisposalRequest: JsonSchema = object({
  "savepoint-path": { type: "string", minLength: 1, maxLength: 4096, description: "the savepoint folder or its _metadata file, inside the allowed directories" },
});

export interface SavepointTriggerRequest {
  "target-directory"?: string | null;
  "cancel-job"?: boolean;
  formatType?: "CANONICAL" | "NATIVE";
  triggerId?: string | null;
}

const formatType: JsonSchema = { type: "string", enum: ["CANONICAL", "NATIVE"] };

export const savepointTriggerRequest: JsonSchema = object(
  {
    "target-directory": { ...nullable({ type: "string", maxLength: 4096 }), description: "inside one of the allowed savepoint roots; default state.savepoints.dir" },
    "cancel-job": { type: "boolean" },
    formatType,
    triggerId: { ...nullable({ type: "string", pattern: "^[0-9a-f]{32}$" }), description: "idempotency key: repeating a trigger with the same id returns the same operation" },
  },
  [],
);

export interface StopRequest {
  targetDirectory?: string | null;
  drain?: boolean;
  formatType?: "CANONICAL" | "NATIVE";
  triggerId?: string | null;
}

export const stopRequest: JsonSchema = object(
  {
    targetDirectory: { ...nullable({ type: "string", maxLength: 4096 }), description: "inside one of the allowed savepoint roots; default state.savepoints.dir" },
    drain: { type: "boolean", description: "emit MAX_WATERMARK before stopping, firing all event-time timers" },
    formatType,
    triggerId: nullable({ type: "string", pattern: "^[0-9a-f]{32}$" }),
  },
  [],
);

export const asynchronousOperationResult: JsonSchema = object(
  {
    status: object({ id: { type: "string", enum: ["IN_PROGRESS", "COMPLETED"] } }),
    operation: object(
      {
        location: { type: "string" },
        "failure-cause": failureCause,
      },
      [],
    ),
  },
  ["status"],
);
