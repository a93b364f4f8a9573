/**
 * Checkpoint statistics in the shape of Flink's `/jobs/:jobid/checkpoints`: counts, latest
 * completed / savepoint / failed / restored, and a bounded history with durations and sizes, each
 * entry with its per-vertex figures (Flink's TaskCheckpointStatistics); and, for the checkpoints of
 * the history, every subtask's acknowledgement (`details`, for /checkpoints/details/:checkpointid).
 */
import type { TaskCheckpointAck } from "../../runtime/checkpoint/checkpoint-metadata.js";
import { systemClock, type Clock } from "../../util/clock.js";
import { nearestRank } from "../../util/quantiles.js";

export type CheckpointStatus = "IN_PROGRESS" | "COMPLETED" | "FAILED";

/** One vertex's part of a checkpoint. */
export interface VertexCheckpointStats {
  num_subtasks: number;
  num_acknowledged_subtasks: number;
  latest_ack_timestamp: number;
  state_size: number;
  /** What the checkpoint newly wrote (Flink's checkpointed_size): less than state_size with the state changelog. */
  checkpointed_size: number;
  end_to_end_duration: number;
  /** In-flight bytes persisted by an unaligned checkpoint (Flink's persisted_data). */
  persisted_data: number;
  /** Bytes processed while the barriers came in (Flink's processed_data). */
  processed_data: number;
}

export interface CheckpointStatsEntry {
  id: number;
  status: CheckpointStatus;
  is_savepoint: boolean;
  trigger_timestamp: number;
  latest_ack_timestamp: number;
  state_size: number;
  checkpointed_size: number;
  end_to_end_duration: number;
  sync_duration: number;
  async_duration: number;
  alignment_duration: number;
  num_subtasks: number;
  num_acknowledged_subtasks: number;
  persisted_data: number;
  processed_data: number;
  /** Some subtask's barrier overtook in-flight data (Flink's checkpoint_type UNALIGNED_CHECKPOINT). */
  unaligned: boolean;
  external_path?: string;
  failure_message?: string;
  /** By vertex id. */
  tasks: Record<string, VertexCheckpointStats>;
}

/** What one subtask acknowledged (durations in ms). */
export interface SubtaskCheckpointAck {
  subtask: number;
  ackTimestamp: number;
  stateSize: number;
  checkpointedSize: number;
  syncDurationMs: number;
  asyncDurationMs: number;
  alignmentDurationMs: number;
  persistedDataBytes: number;
  processedDataBytes: number;
  unaligned: boolean;
}

export interface CheckpointDetails {
  entry: CheckpointStatsEntry;
  /** By vertex id, the subtasks that acknowledged, in subtask order. */
  acks: Record<string, SubtaskCheckpointAck[]>;
}

export interface CheckpointStatsSnapshot {
  counts: { restored: number; total: number; in_progress: number; completed: number; failed: number };
  summary: { state_size: SummaryStats; checkpointed_size: SummaryStats; end_to_end_duration: SummaryStats; persisted_data: SummaryStats; processed_data: SummaryStats };
  latest: {
    completed: CheckpointStatsEntry | null;
    savepoint: CheckpointStatsEntry | null;
    failed: CheckpointStatsEntry | null;
    restored: { id: number; restore_timestamp: number; external_path: string } | null;
  };
  history: CheckpointStatsEntry[];
}

/** Flink's StatsSummaryDto: min, max, average and quantiles over the completed checkpoints. */
export interface SummaryStats {
  min: number;
  max: number;
  avg: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  p999: number;
}

const HISTORY = 10;
/** Completed checkpoints the summary is computed over (Flink keeps a bounded window too). */
const SUMMARY_WINDOW = 1000;

export class CheckpointStatsTracker {
  constructor(private readonly clock: Clock = systemClock) {}

  private readonly entries = new Map<number, CheckpointStatsEntry>();
  private readonly acks = new Map<number, Record<string, SubtaskCheckpointAck[]>>();
  private readonly history: number[] = [];
  private counts = { restored: 0, total: 0, in_progress: 0, completed: 0, failed: 0 };
  private latestCompleted: CheckpointStatsEntry | null = null;
  private latestSavepoint: CheckpointStatsEntry | null = null;
  private latestFailed: CheckpointStatsEntry | null = null;
  private latestRestored: CheckpointStatsSnapshot["latest"]["restored"] = null;
  private readonly completedSizes: number[] = [];
  private readonly completedCheckpointedSizes: number[] = [];
  private readonly completedDurations: number[] = [];
  private readonly completedPersisted: number[] = [];
  private readonly completedProcessed: number[] = [];

  /** `subtasksPerVertex`: how many subtasks of each vertex take part. */
  triggered(id: number, kind: "checkpoint" | "savepoint", timestamp: number, subtasksPerVertex: Record<string, number>): void {
    const tasks: Record<string, VertexCheckpointStats> = {};
    let subtasks = 0;
    for (const [vertexId, n] of Object.entries(subtasksPerVertex)) {
      tasks[vertexId] = { num_subtasks: n, num_acknowledged_subtasks: 0, latest_ack_timestamp: -1, state_size: 0, checkpointed_size: 0, end_to_end_duration: 0, persisted_data: 0, processed_data: 0 };
      subtasks += n;
    }
    const e: CheckpointStatsEntry = {
      id,
      status: "IN_PROGRESS",
      is_savepoint: kind === "savepoint",
      trigger_timestamp: timestamp,
      latest_ack_timestamp: -1,
      state_size: 0,
      checkpointed_size: 0,
      end_to_end_duration: 0,
      sync_duration: 0,
      async_duration: 0,
      alignment_duration: 0,
      num_subtasks: subtasks,
      num_acknowledged_subtasks: 0,
      persisted_data: 0,
      processed_data: 0,
      unaligned: false,
      tasks,
    };
    this.entries.set(id, e);
    this.acks.set(id, {});
    this.history.unshift(id);
    for (const old of this.history.splice(HISTORY)) {
      this.entries.delete(old);
      this.acks.delete(old);
    }
    this.counts.total++;
    this.counts.in_progress++;
  }

  acknowledged(id: number, ack: TaskCheckpointAck): void {
    const e = this.entries.get(id);
    if (!e) return;
    const now = this.clock.now();
    const stateSize = ack.bytes + (ack.sharedFiles ?? []).reduce((n, f) => n + f.bytes, 0);
    const checkpointedSize = ack.checkpointedBytes ?? ack.bytes;
    e.num_acknowledged_subtasks++;
    e.state_size += stateSize;
    e.checkpointed_size += checkpointedSize;
    e.latest_ack_timestamp = now;
    e.end_to_end_duration = now - e.trigger_timestamp;
    e.sync_duration = Math.max(e.sync_duration, Math.round(ack.syncDurationMs));
    e.async_duration = Math.max(e.async_duration, Math.round(ack.asyncDurationMs));
    e.alignment_duration = Math.max(e.alignment_duration, Math.round(ack.alignmentDurationMs));
    const persisted = ack.persistedDataBytes ?? 0;
    const processed = ack.processedDataBytes ?? 0;
    e.persisted_data += persisted;
    e.processed_data += processed;
    if (ack.unaligned) e.unaligned = true;
    const v = (e.tasks[ack.vertexId] ??= { num_subtasks: 0, num_acknowledged_subtasks: 0, latest_ack_timestamp: -1, state_size: 0, checkpointed_size: 0, end_to_end_duration: 0, persisted_data: 0, processed_data: 0 });
    v.num_acknowledged_subtasks++;
    v.state_size += stateSize;
    v.checkpointed_size += checkpointedSize;
    v.persisted_data += persisted;
    v.processed_data += processed;
    v.latest_ack_timestamp = now;
    v.end_to_end_duration = now - e.trigger_timestamp;
    const perVertex = this.acks.get(id)!;
    const list = (perVertex[ack.vertexId] ??= []);
    list.push({
      subtask: ack.subtask,
      ackTimestamp: now,
      stateSize,
      checkpointedSize,
      syncDurationMs: Math.round(ack.syncDurationMs),
      asyncDurationMs: Math.round(ack.asyncDurationMs),
      alignmentDurationMs: Math.round(ack.alignmentDurationMs),
      persistedDataBytes: persisted,
      processedDataBytes: processed,
      unaligned: ack.unaligned === true,
    });
    list.sort((a, b) => a.subtask - b.subtask);
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
    pushBounded(this.completedSizes, e.state_size);
    pushBounded(this.completedCheckpointedSizes, e.checkpointed_size);
    pushBounded(this.completedDurations, e.end_to_end_duration);
    pushBounded(this.completedPersisted, e.persisted_data);
    pushBounded(this.completedProcessed, e.processed_data);
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
      summary: {
        state_size: summaryStats(this.completedSizes),
        checkpointed_size: summaryStats(this.completedCheckpointedSizes),
        end_to_end_duration: summaryStats(this.completedDurations),
        persisted_data: summaryStats(this.completedPersisted),
        processed_data: summaryStats(this.completedProcessed),
      },
      latest: { completed: this.latestCompleted, savepoint: this.latestSavepoint, failed: this.latestFailed, restored: this.latestRestored },
      history: this.history.map((id) => this.entries.get(id)!).filter(Boolean),
    };
  }

  /** A checkpoint of the history with every subtask's acknowledgement; undefined once it left the history. */
  details(id: number): CheckpointDetails | undefined {
    const entry = this.entries.get(id);
    return entry ? { entry, acks: structuredClone(this.acks.get(id) ?? {}) } : undefined;
  }
}

function pushBounded(xs: number[], x: number): void {
  xs.push(x);
  if (xs.length > SUMMARY_WINDOW) xs.shift();
}

/** Min, max, average and nearest-rank quantiles; all 0 when there are no values. */
export function summaryStats(xs: readonly number[]): SummaryStats {
  if (xs.length === 0) return { min: 0, max: 0, avg: 0, p50: 0, p90: 0, p95: 0, p99: 0, p999: 0 };
  const sorted = [...xs].sort((a, b) => a - b);
  const q = (p: number): number => nearestRank(sorted, p)!;
  return {
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
    avg: Math.round(sorted.reduce((a, b) => a + b, 0) / sorted.length),
    p50: q(0.5),
    p90: q(0.9),
    p95: q(0.95),
    p99: q(0.99),
    p999: q(0.999),
  };
}
