/**
 * Watermark alignment in the JobMaster (Flink's SourceCoordinator part of FLIP-182;
 * docs/architecture.md, "Watermark alignment"): the readers of every source in an alignment group
 * report their watermarks; the group's limit is its lowest watermark plus the allowed drift, and
 * every reader of the group is told the limit whenever it changes. A reader that has not reported
 * yet does not hold the group back (as in Flink, until it reports).
 */

export interface AlignmentUpdate {
  vertexId: string;
  subtask: number;
  maxAllowedWatermark: number;
}

interface Group {
  maxAllowedDriftMs: number;
  /** "vertexId/subtask" → last reported watermark. */
  readonly watermarks: Map<string, { vertexId: string; subtask: number; watermark: number }>;
  lastLimit: number | undefined;
}

export class WatermarkAlignment {
  private readonly groups = new Map<string, Group>();

  /** A reader's report; returns what to tell the group's readers (nothing when the limit did not change). */
  report(vertexId: string, subtask: number, group: string, maxAllowedDriftMs: number, watermark: number): AlignmentUpdate[] {
    let g = this.groups.get(group);
    if (!g) this.groups.set(group, (g = { maxAllowedDriftMs, watermarks: new Map(), lastLimit: undefined }));
    // Sources of one group may set different drifts; the tightest one holds.
    g.maxAllowedDriftMs = Math.min(g.maxAllowedDriftMs, maxAllowedDriftMs);
    const id = `${vertexId}/${subtask}`;
    const known = g.watermarks.get(id);
    g.watermarks.set(id, { vertexId, subtask, watermark });
    let min = Number.POSITIVE_INFINITY;
    for (const r of g.watermarks.values()) if (r.watermark < min) min = r.watermark;
    const limit = min + g.maxAllowedDriftMs;
    // A reader that just (re)registered needs the limit even when it did not change.
    if (limit === g.lastLimit && known !== undefined) return [];
    const targets = limit === g.lastLimit ? [{ vertexId, subtask }] : [...g.watermarks.values()];
    g.lastLimit = limit;
    return targets.map((r) => ({ vertexId: r.vertexId, subtask: r.subtask, maxAllowedWatermark: limit }));
  }

  /** A new job attempt: readers report again from scratch. */
  reset(): void {
    this.groups.clear();
  }
}
