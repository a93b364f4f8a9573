/** The execution-mode key (Flink's execution.runtime-mode), read where the job sets no mode itself. */
import { options } from "../config/config-option.js";

export const RUNTIME_MODE = options.enum({
  key: "execution.runtime-mode",
  default: "streaming",
  values: ["streaming", "batch", "automatic"] as const,
  description:
    "How jobs run: streaming (continuous, checkpointed), batch (bounded inputs only: no checkpoints, no watermarks, keyed operators process their input key by key with timers firing at the end of each key, keyed aggregations emit final results) or automatic (batch when every source is bounded).",
});
