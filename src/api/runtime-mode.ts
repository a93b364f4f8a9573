/**
 * Runtime execution modes (Flink's RuntimeExecutionMode; docs/architecture.md, "Batch execution
 * mode"). In batch mode a job over bounded inputs runs as Flink runs it in batch: no checkpoints;
 * sources and timestamp assigners emit no watermarks (no element is late); keyed operators see
 * their input key by key, sorted by key and time, and event time jumps from −∞ to +∞ at the end of
 * each key, where its timers fire; keyed aggregations (reduce, sum, min, max, minBy, maxBy) emit
 * one final result per key instead of every update.
 */
import { ConfigurationError } from "../config/configuration.js";
import { readOption } from "../config/config-option.js";
import { RUNTIME_MODE } from "./runtime-mode-options.js";

export type RuntimeExecutionMode = "streaming" | "batch" | "automatic";

/** The mode a job runs in: the job's, else `execution.runtime-mode`; automatic is batch when every source is bounded. */
export function resolveRuntimeMode(
  requested: RuntimeExecutionMode | undefined,
  config: Readonly<Record<string, string>>,
  sourcesBounded: readonly boolean[],
): "streaming" | "batch" {
  const mode = requested ?? readOption(config, RUNTIME_MODE);
  const allBounded = sourcesBounded.length > 0 && sourcesBounded.every((b) => b);
  if (mode === "automatic") return allBounded ? "batch" : "streaming";
  if (mode === "batch" && !allBounded) {
    throw new ConfigurationError("the job runs in batch mode (execution.runtime-mode) but has an unbounded source: batch mode needs every source to be bounded; use streaming or automatic");
  }
  return mode;
}

export function parseRuntimeMode(mode: string): RuntimeExecutionMode {
  return RUNTIME_MODE.parse(mode, "setRuntimeMode()") as RuntimeExecutionMode;
}

/** Whether an operator's job settings say batch mode. */
export function isBatchMode(settings: Readonly<Record<string, unknown>>): boolean {
  return settings.runtimeMode === "batch";
}
