/**
 * The colour of a vertex from its time accounting, as Flink's dashboard does it: pale blue when
 * idle, red the busier it is, and grey to black the more it is backpressured (waiting for buffers
 * from its consumers). Whichever of busy and backpressured is larger decides; the vertex metrics are
 * the highest over the vertex's subtasks, so one hot subtask colours the vertex.
 */
import type { IoMetrics } from "../api/types";

export type Load = "idle" | "busy" | "backpressured" | "unknown";

export interface LoadColour {
  load: Load;
  background: string;
  foreground: string;
  busy: number;
  backPressured: number;
}

/** Flink's backpressure levels start at 10% of the time (ok ≤ 0.10 < low ≤ 0.5 < high). */
const THRESHOLD = 0.1;

export function loadColour(metrics: IoMetrics | undefined, running: boolean): LoadColour {
  if (!metrics || !running) return { load: "unknown", background: "#ffffff", foreground: "#1d2733", busy: 0, backPressured: 0 };
  const busy = Math.min(1, metrics.busyTimeMsPerSecond / 1000);
  const backPressured = Math.min(1, metrics.backPressuredTimeMsPerSecond / 1000);
  if (backPressured >= THRESHOLD && backPressured >= busy) {
    // 10% → light grey, 100% → near black.
    const lightness = Math.round(85 - 70 * backPressured);
    return { load: "backpressured", background: `hsl(0, 0%, ${lightness}%)`, foreground: lightness < 55 ? "#ffffff" : "#1d2733", busy, backPressured };
  }
  if (busy >= THRESHOLD) {
    // 10% → pink, 100% → saturated red.
    const lightness = Math.round(92 - 42 * busy);
    return { load: "busy", background: `hsl(0, 85%, ${lightness}%)`, foreground: lightness < 60 ? "#ffffff" : "#1d2733", busy, backPressured };
  }
  return { load: "idle", background: "hsl(207, 75%, 93%)", foreground: "#1d2733", busy, backPressured };
}
