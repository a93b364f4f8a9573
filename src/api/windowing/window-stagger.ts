/**
 * Flink's WindowStagger: how far each parallel instance shifts the start of its processing-time
 * tumbling windows, so that not every window of the job fires at the same instant.
 */
import { TimeWindow } from "./windows.js";

export type WindowStagger =
  /** No shift: every instance's windows start at multiples of the size (plus the offset). */
  | "ALIGNED"
  /** A random shift in [0, size), drawn once per instance. */
  | "RANDOM"
  /** The shift is how far into a window the instance received its first element. */
  | "NATURAL";

/** The stagger offset of an instance whose first element arrives at processing time `now`. */
export function staggerOffset(stagger: WindowStagger, now: number, size: number): number {
  switch (stagger) {
    case "ALIGNED":
      return 0;
    case "RANDOM":
      return Math.floor(Math.random() * size);
    case "NATURAL":
      return Math.max(0, now - TimeWindow.getWindowStartWithOffset(now, 0, size));
  }
}

export const WindowStagger = {
  ALIGNED: "ALIGNED",
  RANDOM: "RANDOM",
  NATURAL: "NATURAL",
} as const satisfies Record<WindowStagger, WindowStagger>;
