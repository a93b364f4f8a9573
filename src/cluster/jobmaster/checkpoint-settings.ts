/** Checkpointing settings of a job: its own (from the environment) over the configuration (Flink's keys). */
import { readOption } from "../../config/config-option.js";
import type { Configuration } from "../../config/configuration.js";
import type { CheckpointingMode } from "../../runtime/checkpoint/checkpoint-metadata.js";
import * as keys from "./checkpoint-options.js";
import { isBatchMode } from "../../api/runtime-mode.js";

export interface CheckpointSettings {
  /** 0 disables periodic checkpoints (savepoints still work). */
  intervalMs: number;
  timeoutMs: number;
  minPauseMs: number;
  maxConcurrent: number;
  tolerableFailures: number;
  retained: number;
  mode: CheckpointingMode;
  /** Base folder; each job's checkpoints go to `<dir>/<job-id>/chk-<n>`. */
  dir: string;
  savepointDir: string;
  /** What happens to retained checkpoints when the job is cancelled. */
  retainOnCancellation: boolean;
}

export function checkpointSettings(jobSettings: Readonly<Record<string, unknown>>, config: Configuration): CheckpointSettings {
  const jobInterval = Number(jobSettings.checkpointInterval ?? 0);
  const jobMode = jobSettings.checkpointingMode;
  const mode = jobMode === undefined ? readOption(config, keys.CHECKPOINTING_MODE) : keys.CHECKPOINTING_MODE.parse(String(jobMode), "checkpointingMode");
  return {
    // Batch mode takes no checkpoints (as in Flink): a failed bounded job reruns from the start.
    intervalMs: isBatchMode(jobSettings) ? 0 : jobInterval > 0 ? jobInterval : readOption(config, keys.CHECKPOINT_INTERVAL),
    timeoutMs: readOption(config, keys.CHECKPOINT_TIMEOUT),
    minPauseMs: readOption(config, keys.CHECKPOINT_MIN_PAUSE),
    maxConcurrent: readOption(config, keys.CHECKPOINT_MAX_CONCURRENT),
    tolerableFailures: readOption(config, keys.CHECKPOINT_TOLERABLE_FAILURES),
    retained: readOption(config, keys.CHECKPOINTS_RETAINED),
    mode,
    dir: readOption(config, keys.CHECKPOINTS_DIR),
    savepointDir: readOption(config, keys.SAVEPOINTS_DIR),
    retainOnCancellation: readOption(config, keys.EXTERNALIZED_CHECKPOINT_RETENTION) === "RETAIN_ON_CANCELLATION",
  };
}
