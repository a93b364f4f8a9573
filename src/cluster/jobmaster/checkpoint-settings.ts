/** Checkpointing settings of a job: its own (from the environment) over the configuration (Flink's keys). */
import { readOption } from "../../config/config-option.js";
import { ConfigurationError, type Configuration } from "../../config/configuration.js";
import type { CheckpointingMode } from "../../runtime/checkpoint/checkpoint-metadata.js";
import * as keys from "./checkpoint-options.js";
import { checkLocation } from "../../fs/file-systems.js";
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
  /** FLIP-147: checkpoints with finished tasks, and a final checkpoint before FINISHED. */
  checkpointsAfterTasksFinish: boolean;
  /** Barriers overtake in-flight data (docs/checkpoints.md, "Unaligned checkpoints"). */
  unaligned: boolean;
  /** With `unaligned`: 0 starts unaligned; otherwise aligned until this long after the trigger. */
  alignedCheckpointTimeoutMs: number;
}

/** A path, file:// or s3:// URI (docs/architecture.md, "File systems"), its form checked now. */
function checkedLocation(uri: string, key: string): string {
  checkLocation(uri, key);
  return uri;
}

/** A number the job set in its settings (env.getCheckpointConfig()), if it did. */
function jobNumber(jobSettings: Readonly<Record<string, unknown>>, name: string): number | undefined {
  const v = jobSettings[name];
  return typeof v === "number" ? v : undefined;
}

/**
 * The job's CheckpointConfig wins; then the keys it gave env.configure(); then the cluster's
 * configuration (docs/architecture.md, "Programmatic configuration").
 */
export function checkpointSettings(jobSettings: Readonly<Record<string, unknown>>, clusterConfig: Configuration): CheckpointSettings {
  const config: Configuration = { ...clusterConfig, ...((jobSettings.configuration as Configuration | undefined) ?? {}) };
  const jobInterval = Number(jobSettings.checkpointInterval ?? 0);
  const jobMode = jobSettings.checkpointingMode;
  const mode = jobMode === undefined ? readOption(config, keys.CHECKPOINTING_MODE) : keys.CHECKPOINTING_MODE.parse(String(jobMode), "checkpointingMode");
  const retention = typeof jobSettings.checkpointRetention === "string" ? jobSettings.checkpointRetention : readOption(config, keys.EXTERNALIZED_CHECKPOINT_RETENTION);
  const unaligned = typeof jobSettings.unalignedCheckpoints === "boolean" ? jobSettings.unalignedCheckpoints : readOption(config, keys.UNALIGNED_CHECKPOINTS);
  const maxConcurrent = jobNumber(jobSettings, "maxConcurrentCheckpoints") ?? readOption(config, keys.CHECKPOINT_MAX_CONCURRENT);
  if (unaligned && mode !== "exactly-once") {
    throw new ConfigurationError(`${keys.UNALIGNED_CHECKPOINTS.key}: unaligned checkpoints need ${keys.CHECKPOINTING_MODE.key}: exactly-once (got ${mode}); turn one of them off`);
  }
  if (unaligned && maxConcurrent > 1) {
    throw new ConfigurationError(`${keys.UNALIGNED_CHECKPOINTS.key}: unaligned checkpoints allow no concurrent checkpoints (${keys.CHECKPOINT_MAX_CONCURRENT.key} is ${maxConcurrent}); set it to 1`);
  }
  return {
    // Batch mode takes no checkpoints (as in Flink): a failed bounded job reruns from the start.
    intervalMs: isBatchMode(jobSettings) ? 0 : jobInterval > 0 ? jobInterval : readOption(config, keys.CHECKPOINT_INTERVAL),
    timeoutMs: jobNumber(jobSettings, "checkpointTimeout") ?? readOption(config, keys.CHECKPOINT_TIMEOUT),
    minPauseMs: jobNumber(jobSettings, "checkpointMinPause") ?? readOption(config, keys.CHECKPOINT_MIN_PAUSE),
    maxConcurrent,
    tolerableFailures: jobNumber(jobSettings, "tolerableCheckpointFailures") ?? readOption(config, keys.CHECKPOINT_TOLERABLE_FAILURES),
    retained: readOption(config, keys.CHECKPOINTS_RETAINED),
    mode,
    dir: checkedLocation(readOption(config, keys.CHECKPOINTS_DIR), keys.CHECKPOINTS_DIR.key),
    savepointDir: checkedLocation(readOption(config, keys.SAVEPOINTS_DIR), keys.SAVEPOINTS_DIR.key),
    retainOnCancellation: retention === "RETAIN_ON_CANCELLATION",
    checkpointsAfterTasksFinish: readOption(config, keys.CHECKPOINTS_AFTER_TASKS_FINISH),
    unaligned,
    alignedCheckpointTimeoutMs: jobNumber(jobSettings, "alignedCheckpointTimeout") ?? readOption(config, keys.ALIGNED_CHECKPOINT_TIMEOUT),
  };
}
