/**
 * Checkpoint statistics in the shape of Flink's `/jobs/:jobid/checkpoints`: counts, latest
 * completed / savepoint / failed / restored, and a bounded history with durations and sizes.
 */
import type { TaskCheckpointAck } from "../../runtime/checkpoint/checkpoint-metadata.js";
export type CheckpointStatus = "IN_PROGRESS" | "COMPLETED" | "FAILED";
export interface CheckpointStatsEntry {
    id: number;
    status: CheckpointStatus;
    is_savepoint: boolean;
    trigger_timestamp: number;
    latest_ack_timestamp: number;
    state_size: number;
    end_to_end_duration: number;
    sync_duration: number;
    async_duration: number;
    alignment_duration: number;
    num_subtasks: number;
    num_acknowledged_subtasks: number;
    external_path?: string;
    failure_message?: string;
}
export interface CheckpointStatsSnapshot {
    counts: {
        restored: number;
        total: number;
        in_progress: number;
        completed: number;
        failed: number;
    };
    summary: {
        state_size: MinMaxAvg;
        end_to_end_duration: MinMaxAvg;
    };
    latest: {
        completed: CheckpointStatsEntry | null;
        savepoint: CheckpointStatsEntry | null;
        failed: CheckpointStatsEntry | null;
        restored: {
            id: number;
            restore_timestamp: number;
            external_path: string;
        } | null;
    };
    history: CheckpointStatsEntry[];
}
interface MinMaxAvg {
    min: number;
    max: number;
    avg: number;
}
export declare class CheckpointStatsTracker {
    private readonly entries;
    private readonly history;
    private counts;
    private latestCompleted;
    private latestSavepoint;
    private latestFailed;
    private latestRestored;
    private readonly completedSizes;
    private readonly completedDurations;
    triggered(id: number, kind: "checkpoint" | "savepoint", timestamp: number, subtasks: number): void;
    acknowledged(id: number, ack: TaskCheckpointAck): void;
    completed(id: number, path: string): void;
    failed(id: number, message: string): void;
    restored(id: number, path: string): void;
    snapshot(): CheckpointStatsSnapshot;
}
export {};
