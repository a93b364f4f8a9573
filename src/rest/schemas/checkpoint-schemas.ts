/** Schemas of checkpoint statistics, checkpoint configuration and savepoint operations (Flink's names). */
import type { JsonSchema } from "../schema/json-schema.js";
import { arrayOf, count, nullable, object } from "./common.js";
import { failureCause } from "./job-schemas.js";

const stats = object({ min: count, max: count, avg: count });

export const checkpointEntry: JsonSchema = object(
  {
    "@class": { type: "string", enum: ["completed", "failed", "in_progress"] },
    id: count,
    status: { type: "string", enum: ["IN_PROGRESS", "COMPLETED", "FAILED"] },
    is_savepoint: { type: "boolean" },
    checkpoint_type: { type: "string", enum: ["CHECKPOINT", "SAVEPOINT"] },
    trigger_timestamp: count,
    latest_ack_timestamp: { type: "integer", minimum: -1 },
    state_size: count,
    checkpointed_size: count,
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
  },
  ["@class", "id", "status", "is_savepoint", "checkpoint_type", "trigger_timestamp", "latest_ack_timestamp", "state_size", "checkpointed_size", "end_to_end_duration", "num_subtasks", "num_acknowledged_subtasks"],
);

export const checkpointingStatistics: JsonSchema = object({
  counts: object({ restored: count, total: count, in_progress: count, completed: count, failed: count }),
  summary: { ...object({ checkpointed_size: stats, state_size: stats, end_to_end_duration: stats }), description: "over all completed checkpoints of the job" },
  latest: object({
    completed: nullable(checkpointEntry),
    savepoint: nullable(checkpointEntry),
    failed: nullable(checkpointEntry),
    restored: nullable(object({ id: count, restore_timestamp: count, is_savepoint: { type: "boolean" }, external_path: nullable({ type: "string" }) })),
  }),
  history: arrayOf(checkpointEntry),
});

export const checkpointConfig: JsonSchema = object({
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
