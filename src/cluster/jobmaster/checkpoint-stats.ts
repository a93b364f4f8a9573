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

/**
 * The in-flight and size figures Flink reports per checkpoint, per vertex and per subtask (bytes):
 * `checkpointed_size` is what the checkpoint newly wrote (less than `state_size` with a changelog),
 * `persisted_data` the in-flight data an unaligned barrier overtook, `processed_data` the input
 * processed during alignment.
 */
export interface CheckpointSizes {
  state_size: number;
  checkpointed_size: number;
  persisted_data: number;
  processed_data: number;
}

/** One vertex's part of a checkpoint. */
export interface VertexCheckpointStats extends CheckpointSizes {
  num_subtasks: number;
  num_acknowledged_subtasks: number;
  latest_ack_timestamp: number;
  end_to_end_duration: number;
}

export interface CheckpointStatsEntry extends CheckpointSizes {
  id: number;
  status: CheckpointStatus;
  is_savepoint: boolean;
  /** Some subtask's barrier overtook in-flight data (Flink's checkpoint type UNALIGNED_CHECKPOINT). */
  unaligned: boolean;
  trigger_timestamp: number;
  latest_ack_timestamp: number;
  end_to_end_duration: number;
  sync_duration: number;
  async_duration: number;
  alignment_duration: number;
  num_subtasks: number;
  num_acknowledged_subtasks: number;
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
  persistedData: number;
  processedData: number;
  unaligned: boolean;
  /** The subtask's attempt restored its state from the TaskManager's local copy (task-local recovery). */
  restoredLocally: boolean;
  /** The subtask had finished (FLIP-147): recorded without a snapshot. */
  finished: boolean;
  syncDurationMs: number;
  asyncDurationMs: number;
  alignmentDurationMs: number;
}

export interface CheckpointDetails {
  entry: CheckpointStatsEntry;
  /** By vertex id, the subtasks that acknowledged, in subtask order. */
  acks: Record<string, SubtaskCheckpointAck[]>;
}

export interface CheckpointStatsSnapshot {
  counts: { restored: number; total: number; in_progress: number; completed: number; failed: number };
  summary: Record<keyof CheckpointSizes | "end_to_end_duration", SummaryStats>;
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
  /** Per figure, its values over the completed checkpoints (the summary's window). */
  private readonly completedFigures: Record<keyof CheckpointStatsSnapshot["summary"], number[]> = {
    state_size: [],
    checkpointed_size: [],
    persisted_data: [],
    processed_data: [],
    end_to_end_duration: [],
  };

  /** `subtasksPerVertex`: how many subtasks of each vertex take part. */
  triggered(id: number, kind: "checkpoint" | "savepoint", timestamp: number, subtasksPerVertex: Record<string, number>): void {
    const tasks: Record<string, VertexCheckpointStats> = {};
    let subtasks = 0;
    for (const [vertexId, n] of Object.entries(subtasksPerVertex)) {
      tasks[vertexId] = emptyVertexStats(n);
      subtasks += n;
    }
    const e: CheckpointStatsEntry = {
      id,
      status: "IN_PROGRESS",
      is_savepoint: kind === "savepoint",
      trigger_timestamp: timestamp,
      unaligned: false,
      latest_ack_timestamp: -1,
      ...noSizes(),
      end_to_end_duration: 0,
      sync_duration: 0,
      async_duration: 0,
      alignment_duration: 0,
      num_subtasks: subtasks,
      num_acknowledged_subtasks: 0,
      tasks,
    };
    this.entries.set(id, e);
    this.acks.set(id, {});
    this.history.unshift(id);
    for (const old of this.history.splice(HISTORY)) this.forgetUnlessShown(old);
    this.counts.total++;
    this.counts.in_progress++;
  }

  acknowledged(id: number, ack: TaskCheckpointAck): void {
    const e = this.entries.get(id);
    if (!e) return;
    const now = this.clock.now();
    const sizes = sizesOf(ack);
    e.num_acknowledged_subtasks++;
    addSizes(e, sizes);
    if (ack.unaligned) e.unaligned = true;
    e.latest_ack_timestamp = now;
    e.end_to_end_duration = now - e.trigger_timestamp;
    e.sync_duration = Math.max(e.sync_duration, Math.round(ack.syncDurationMs));
    e.async_duration = Math.max(e.async_duration, Math.round(ack.asyncDurationMs));
    e.alignment_duration = Math.max(e.alignment_duration, Math.round(ack.alignmentDurationMs));
    const v = (e.tasks[ack.vertexId] ??= emptyVertexStats(0));
    v.num_acknowledged_subtasks++;
    addSizes(v, sizes);
    v.latest_ack_timestamp = now;
    v.end_to_end_duration = now - e.trigger_timestamp;
    const perVertex = this.acks.get(id)!;
    const list = (perVertex[ack.vertexId] ??= []);
    list.push({
      subtask: ack.subtask,
      ackTimestamp: now,
      stateSize: sizes.state_size,
      checkpointedSize: sizes.checkpointed_size,
      persistedData: sizes.persisted_data,
      processedData: sizes.processed_data,
      unaligned: ack.unaligned === true,
      // Task-local recovery reports it with every ack of an attempt that restored (docs/checkpoints.md).
      restoredLocally: ack.restoredLocally === true,
      finished: ack.finished === true && ack.file === "",
      syncDurationMs: Math.round(ack.syncDurationMs),
      asyncDurationMs: Math.round(ack.asyncDurationMs),
      alignmentDurationMs: Math.round(ack.alignmentDurationMs),
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
    const replaced = e.is_savepoint ? this.latestSavepoint : this.latestCompleted;
    if (e.is_savepoint) this.latestSavepoint = e;
    else this.latestCompleted = e;
    if (replaced) this.forgetUnlessShown(replaced.id);
    for (const [figure, values] of Object.entries(this.completedFigures)) pushBounded(values, e[figure as keyof CheckpointStatsSnapshot["summary"]]);
  }

  failed(id: number, message: string): void {
    const e = this.entries.get(id);
    this.counts.in_progress--;
    this.counts.failed++;
    if (!e) return;
    e.status = "FAILED";
    e.failure_message = message;
    const replaced = this.latestFailed;
    this.latestFailed = e;
    if (replaced) this.forgetUnlessShown(replaced.id);
  }

  restored(id: number, path: string): void {
    this.counts.restored++;
    this.latestRestored = { id, restore_timestamp: this.clock.now(), external_path: path };
  }

  snapshot(): CheckpointStatsSnapshot {
    return {
      counts: { ...this.counts },
      summary: Object.fromEntries(Object.entries(this.completedFigures).map(([figure, values]) => [figure, summaryStats(values)])) as CheckpointStatsSnapshot["summary"],
      latest: { completed: this.latestCompleted, savepoint: this.latestSavepoint, failed: this.latestFailed, restored: this.latestRestored },
      history: this.history.map((id) => this.entries.get(id)!).filter(Boolean),
    };
  }

  /**
   * Details are kept for the checkpoints of the history and for the latest completed checkpoint,
   * savepoint and failed one, which the statistics show however old they are.
   */
  private forgetUnlessShown(id: number): void {
    if (this.history.includes(id) || [this.latestCompleted, this.latestSavepoint, this.latestFailed].some((e) => e?.id === id)) return;
    this.entries.delete(id);
    this.acks.delete(id);
  }

  /** A checkpoint with every subtask's acknowledgement; undefined once neither the history nor the latest ones show it. */
  details(id: number): CheckpointDetails | undefined {
    const entry = this.entries.get(id);
    return entry ? { entry, acks: structuredClone(this.acks.get(id) ?? {}) } : undefined;
  }
}

function noSizes(): CheckpointSizes {
  return { state_size: 0, checkpointed_size: 0, persisted_data: 0, processed_data: 0 };
}

function emptyVertexStats(subtasks: number): VertexCheckpointStats {
  return { num_subtasks: subtasks, num_acknowledged_subtasks: 0, latest_ack_timestamp: -1, ...noSizes(), end_to_end_duration: 0 };
}

/**
 * A subtask's figures: its state is its own file and the shared (changelog) files it refers to; a
 * full snapshot's checkpointed size is its whole state.
 */
function sizesOf(ack: TaskCheckpointAck): CheckpointSizes {
  const stateSize = ack.bytes + (ack.sharedFiles ?? []).reduce((n, f) => n + f.bytes, 0);
  return { state_size: stateSize, checkpointed_size: ack.checkpointedBytes ?? ack.bytes, persisted_data: ack.persistedDataBytes ?? 0, processed_data: ack.processedDataBytes ?? 0 };
}

function addSizes(to: CheckpointSizes, add: CheckpointSizes): void {
  to.state_size += add.state_size;
  to.checkpointed_size += add.checkpointed_size;
  to.persisted_data += add.persisted_data;
  to.processed_data += add.processed_data;
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
