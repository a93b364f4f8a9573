/**
 * The checkpoint's `_metadata`: which file holds which subtask's state of which operator (by uid),
 * with file names relative to the metadata's folder, so a savepoint folder can be moved.
 */
import type { SharedStateFile } from "../state/changelog/changelog-handle.js";

export const METADATA_FILE = "_metadata";

export interface SubtaskStateHandle {
  subtask: number;
  keyGroupStart: number;
  keyGroupEnd: number;
  /** Relative to the folder of `_metadata`; empty when the subtask had ended before (no state). */
  file: string;
  bytes: number;
  /**
   * The subtask's operators had finished (FLIP-147's finished-on-restore): a restore opens them
   * for recovery but never runs them again (docs/checkpoints.md, "The final checkpoint").
   */
  finished?: boolean;
  /**
   * Bytes of in-flight data (channel state) of an unaligned checkpoint in the file; such a file
   * restores only at the parallelism it was taken with (docs/checkpoints.md, "Unaligned checkpoints").
   */
  persistedDataBytes?: number;
}

export interface OperatorStateHandles {
  vertexId: string;
  operatorName: string;
  parallelism: number;
  maxParallelism: number;
  subtasks: SubtaskStateHandle[];
}

export interface CheckpointMetadata {
  version: 1;
  jobId: string;
  checkpointId: number;
  timestamp: number;
  kind: "checkpoint" | "savepoint";
  operators: Record<string, OperatorStateHandles>;
  /**
   * The state changelog's files under the job's `shared/` folder that the tasks' state files refer
   * to, relative to the job's checkpoint folder (the parent of this one): the JobMaster's
   * shared-state registry counts the retained checkpoints that need each. Absent without changelog.
   */
  sharedFiles?: SharedStateFile[];
  /**
   * The split enumerators' states by operator uid, as plain JSON (docs/architecture.md, "Sources
   * and split enumerators"). Absent when the job has none.
   */
  coordinators?: Record<string, unknown>;
}

/** What a task reports when its part of a checkpoint is written. */
export interface TaskCheckpointAck {
  vertexId: string;
  subtask: number;
  keyGroupStart: number;
  keyGroupEnd: number;
  file: string;
  bytes: number;
  operators: Array<{ uid: string; name: string }>;
  syncDurationMs: number;
  asyncDurationMs: number;
  alignmentDurationMs: number;
  /**
   * Bytes this checkpoint newly wrote for the task (Flink's `checkpointed_size`): with a state
   * changelog only the changes since the last checkpoint; absent means `bytes` (a full snapshot).
   */
  checkpointedBytes?: number;
  /**
   * With the state changelog: the shared files (relative to the job's checkpoint folder) the task's
   * state file refers to. The task's full state size is `bytes` plus theirs.
   */
  sharedFiles?: SharedStateFile[];
  /** In-flight data persisted as channel state by an unaligned checkpoint (Flink's `persisted_data`). */
  persistedDataBytes?: number;
  /** Bytes of input processed while the barrier was being aligned (Flink's `processed_data`). */
  processedDataBytes?: number;
  /** The barrier overtook in-flight data (Flink's `unaligned`). */
  unaligned?: boolean;
  /** The task's operators had finished when it took the snapshot (SubtaskStateHandle.finished). */
  finished?: boolean;
  /** The task's attempt restored from the TaskManager's local copy of its state (task-local recovery). */
  restoredLocally?: boolean;
}

/** What a task needs to restore: the metadata's folder and the handles of its operators. */
export interface TaskRestore {
  checkpointId: number;
  baseDir: string;
  operators: Record<string, OperatorStateHandles>;
  /** The split enumerators' states (for the JobMaster; not sent to the tasks). */
  coordinators?: Record<string, unknown>;
}

export interface CheckpointOptions {
  kind: "checkpoint" | "savepoint";
  /** Folder of this checkpoint (absolute): task files go here. */
  dir: string;
  /** Stop-with-savepoint: sources end after the barrier; with `drain` they emit the final watermark first. */
  stop?: "terminate" | "drain";
}

export type CheckpointingMode = "exactly-once" | "at-least-once";
