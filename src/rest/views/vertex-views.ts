/** A vertex's backpressure and watermarks in Flink's JSON (its subtasks: subtask-views.ts). */
import type { VertexInfo } from "../../cluster/messages.js";

/** Flink's "no watermark" value (Long.MIN_VALUE), which its dashboard shows as "No Watermark". */
export const NO_WATERMARK = "-9223372036854775808";

export type BackPressureLevel = "ok" | "low" | "high";

/** Flink's thresholds (BackPressureStatsTrackerImpl / JobVertexBackPressureHandler). */
export function backPressureLevel(ratio: number): BackPressureLevel {
  if (ratio <= 0.1) return "ok";
  if (ratio <= 0.5) return "low";
  return "high";
}

const ratio = (msPerSecond: number): number => Math.min(1, Math.max(0, msPerSecond / 1000));

export function backPressureJson(v: VertexInfo, now: number): Record<string, unknown> {
  const reported = v.subtasks.filter((s) => s.metrics !== undefined);
  if (reported.length === 0) return { status: "deprecated" };
  const subtasks = reported.map((s) => {
    const r = ratio(s.metrics!.backPressuredTimeMsPerSecond);
    const level = backPressureLevel(r);
    return {
      subtask: s.subtask,
      "attempt-number": s.attempt,
      // Flink 1.x clients read the hyphenated name, Flink 2's dashboard the camel-case one.
      "backpressure-level": level,
      backpressureLevel: level,
      ratio: r,
      idleRatio: ratio(s.metrics!.idleTimeMsPerSecond),
      busyRatio: ratio(s.metrics!.busyTimeMsPerSecond),
      "other-concurrent-attempts": [],
    };
  });
  const worst = Math.max(...subtasks.map((s) => s.ratio));
  const level = backPressureLevel(worst);
  return { status: "ok", "backpressure-level": level, backpressureLevel: level, "end-timestamp": now, subtasks };
}

export function watermarksJson(v: VertexInfo): { id: string; value: string }[] {
  return v.subtasks.map((s) => {
    const w = s.metrics?.currentInputWatermark;
    return { id: `${s.subtask}.currentInputWatermark`, value: w === null || w === undefined || !Number.isFinite(w) ? NO_WATERMARK : String(Math.trunc(w)) };
  });
}
