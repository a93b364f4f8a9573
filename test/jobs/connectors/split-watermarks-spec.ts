/**
 * The events of the split-watermark jobs (test/jobs/connectors/split-watermarks-job.ts) and their
 * reference counts: two inputs (Redis streams or NATS subjects) read by ONE reader, one of them far ahead
 * in event time. With watermarks per reader, the fast input's watermark makes the slow one's events late
 * and their windows are lost; with watermarks per split, every window is counted.
 */
export interface LaneEvent {
  lane: "slow" | "fast";
  seq: number;
  /** Event time (ms). */
  time: number;
}

export interface WindowCount {
  lane: string;
  windowStart: number;
  count: number;
}

export interface SplitWatermarksSpec {
  connector: "redis" | "nats";
  /** Redis: the server's port; NATS: the server's URL. */
  port?: number;
  url?: string;
  /** Redis: the two streams; NATS: the stream, whose subjects are `<prefix>.slow` and `<prefix>.fast`. */
  streams?: [string, string];
  natsStream?: string;
  subjectPrefix?: string;
}

export const WINDOW_MS = 1_000;
const SLOW_START = Date.UTC(2024, 0, 1);
/** The fast input is a day ahead. */
const FAST_START = SLOW_START + 86_400_000;

/** Event `seq` of a lane: 10 ms apart, in order. */
export function laneEvent(lane: "slow" | "fast", seq: number): LaneEvent {
  return { lane, seq, time: (lane === "slow" ? SLOW_START : FAST_START) + seq * 10 };
}

/** Counts per lane and window of `perLane` events of each lane, as `lane@windowStart=count`, sorted. */
export function referenceCounts(perLane: number): string[] {
  const counts = new Map<string, number>();
  for (const lane of ["slow", "fast"] as const) {
    for (let seq = 0; seq < perLane; seq++) {
      const e = laneEvent(lane, seq);
      const key = `${lane}@${e.time - (e.time % WINDOW_MS)}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return [...counts].map(([k, n]) => `${k}=${n}`).sort();
}

export function countLines(counts: readonly WindowCount[]): string[] {
  return counts.map((c) => `${c.lane}@${c.windowStart}=${c.count}`).sort();
}

/** What the split-alignment job collects, in emission order. */
export interface LaneRecord {
  lane: string;
  seq: number;
}

/**
 * Checks that every record of both lanes arrived once, in lane order, and returns how many fast
 * records came before the slow lane's last one (aligned: few; unaligned: most).
 */
export function fastBeforeSlowEnded(records: readonly LaneRecord[], perLane: number): number {
  for (const lane of ["slow", "fast"]) {
    const seqs = records.filter((r) => r.lane === lane).map((r) => r.seq);
    const expected = Array.from({ length: perLane }, (_, i) => i);
    if (seqs.length !== perLane || seqs.some((s, i) => s !== expected[i])) {
      throw new Error(`the ${lane} lane arrived as ${seqs.length} records, not ${perLane} once each in order (first out of place at ${seqs.findIndex((s, i) => s !== i)})`);
    }
  }
  const lastSlow = records.map((r) => r.lane).lastIndexOf("slow");
  return records.slice(0, lastSlow).filter((r) => r.lane === "fast").length;
}
