/** The execution-mode key (Flink's execution.runtime-mode), read where the job sets no mode itself. */
import { options } from "../config/config-option.js";

export const RUNTIME_MODE = options.enum({
  key: "execution.runtime-mode",
  default: "streaming",
  values: ["streaming", "batch", "automatic"] as const,
  description:
    "How jobs run: streaming (continuous, checkpointed), batch (bounded inputs only: no checkpoints, no watermarks until the end, keyed aggregations emit final results) or automatic (batch when every source is bounded).",
});
