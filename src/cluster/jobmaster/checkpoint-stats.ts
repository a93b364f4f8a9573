/**
 * Checkpoint statistics in the shape of Flink's `/jobs/:jobid/checkpoints`: counts, latest
 * completed / savepoint / failed / restored, and a bounded history with durations and sizes.
 */
import type { TaskCheckpointAck } from "../../runtime/checkpoint/checkpoint-metadata.js";
import { systemClock, type Clock } from "../../util/clock.js";

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
  counts: { restored: number; total: number; in_progress: number; completed: number; failed: number };
  summary: { state_size: MinMaxAvg; end_to_end_duration: MinMaxAvg };
  latest: {
    completed: CheckpointStatsEntry | null;
    savepoint: CheckpointStatsEntry | null;
    failed: CheckpointStatsEntry | null;
    restored: { id: number; restore_timestamp: number; external_path: string } | null;
  };
  history: CheckpointStatsEntry[];
}

interface MinMaxAvg {
  min: number;
  max: number;
  avg: number;
}

const HISTORY = 10;

export class CheckpointStatsTracker {
  constructor(private readonly clock: Clock = systemClock) {}

  private readonly entries = new Map<number, CheckpointStatsEntry>();
  private readonly history: number[] = [];
  private counts = { restored: 0, total: 0, in_progress: 0, completed: 0, failed: 0 };
  private latestCompleted: CheckpointStatsEntry | null = null;
  private latestSavepoint: CheckpointStatsEntry | null = null;
  private latestFailed: CheckpointStatsEntry | null = null;
  private latestRestored: CheckpointStatsSnapshot["latest"]["restored"] = null;
  private readonly completedSizes: number[] = [];
  private readonly completedDurations: number[] = [];

  triggered(id: number, kind: "checkpoint" | "savepoint", timestamp: number, subtasks: number): void {
    const e: CheckpointStatsEntry = {
      id,
      status: "IN_PROGRESS",
      is_savepoint: kind === "savepoint",
      trigger_timestamp: timestamp,
      latest_ack_timestamp: -1,
      state_size: 0,
      end_to_end_duration: 0,
      sync_duration: 0,
      async_duration: 0,
      alignment_duration: 0,
      num_subtasks: subtasks,
      num_acknowledged_subtasks: 0,
    };
    this.entries.set(id, e);
    this.history.unshift(id);
    for (const old of this.history.splice(HISTORY)) this.entries.delete(old);
    this.counts.total++;
    this.counts.in_progress++;
  }

  acknowledged(id: number, ack: TaskCheckpointAck): void {
    const e = this.entries.get(id);
    if (!e) return;
    e.num_acknowledged_subtasks++;
    e.state_size += ack.bytes;
    e.latest_ack_timestamp = this.clock.now();
    e.end_to_end_duration = e.latest_ack_timestamp - e.trigger_timestamp;
    e.sync_duration = Math.max(e.sync_duration, Math.round(ack.syncDurationMs));
    e.async_duration = Math.max(e.async_duration, Math.round(ack.asyncDurationMs));
    e.alignment_duration = Math.max(e.alignment_duration, Math.round(ack.alignmentDurationMs));
  }

  completed(id: number, path: string): void {
    const e = this.entries.get(id);
    this.counts.in_progress--;
    this.counts.completed++;
    if (!e) return;
    e.status = "COMPLETED";
    e.external_path = path;
    if (e.is_savepoint) this.latestSavepoint = e;
    else this.latestCompleted = e;
    this.completedSizes.push(e.state_size);
    this.completedDurations.push(e.end_to_end_duration);
  }

  failed(id: number, message: string): void {
    const e = this.entries.get(id);
    this.counts.in_progress--;
    this.counts.failed++;
    if (!e) return;
    e.status = "FAILED";
    e.failure_message = message;
    this.latestFailed = e;
  }

  restored(id: number, path: string): void {
    this.counts.restored++;
    this.latestRestored = { id, restore_timestamp: this.clock.now(), external_path: path };
  }

  snapshot(): CheckpointStatsSnapshot {
    return {
      counts: { ...this.counts },
      summary: { state_size: minMaxAvg(this.completedSizes), end_to_end_duration: minMaxAvg(this.completedDurations) },
      latest: { completed: this.latestCompleted, savepoint: this.latestSavepoint, failed: this.latestFailed, restored: this.latestRestored },
      history: this.history.map((id) => this.entries.get(id)!).filter(Boolean),
    };
  }
}

function minMaxAvg(xs: number[]): MinMaxAvg {
  if (xs.length === 0) return { min: 0, max: 0, avg: 0 };
  return { min: Math.min(...xs), max: Math.max(...xs), avg: Math.round(xs.reduce((a, b) => a + b, 0) / xs.length) };
}
