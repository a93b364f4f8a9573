/** The checkpointing keys (Flink's execution.checkpointing.*): used where the job sets nothing itself. */
import { tmpdir } from "node:os";
import { join } from "node:path";
import { options } from "../../config/config-option.js";

const base = join(tmpdir(), "sluice");

export const CHECKPOINT_INTERVAL = options.duration({
  key: "execution.checkpointing.interval",
  default: 0,
  description: "The interval of periodic checkpoints of jobs that set none; 0 disables them (savepoints still work).",
});

export const CHECKPOINT_TIMEOUT = options.duration({
  key: "execution.checkpointing.timeout",
  default: 10 * 60_000,
  description: "A checkpoint not completed within this time is aborted.",
});

export const CHECKPOINT_MIN_PAUSE = options.duration({
  key: "execution.checkpointing.min-pause",
  default: 0,
  description: "The least time between the end of one checkpoint and the start of the next.",
});

export const CHECKPOINT_MAX_CONCURRENT = options.integer({
  key: "execution.checkpointing.max-concurrent-checkpoints",
  default: 1,
  description: "How many periodic checkpoints may be in progress at once.",
});

export const CHECKPOINT_TOLERABLE_FAILURES = options.integer({
  key: "execution.checkpointing.tolerable-failed-checkpoints",
  default: 0,
  description: "How many checkpoints may fail in a row before the job fails over.",
});

export const CHECKPOINTS_RETAINED = options.integer({
  key: "execution.checkpointing.num-retained",
  default: 1,
  description: "How many completed checkpoints are kept.",
});

export const CHECKPOINTING_MODE = options.enum({
  key: "execution.checkpointing.mode",
  values: ["exactly-once", "at-least-once"] as const,
  default: "exactly-once",
  description: "EXACTLY_ONCE aligns barriers; AT_LEAST_ONCE does not (lower latency, duplicates after a restore).",
});

export const CHECKPOINTS_DIR = options.string({
  key: "execution.checkpointing.dir",
  deprecatedKeys: ["state.checkpoints.dir"],
  default: join(base, "checkpoints"),
  documentedDefault: "<tmpdir>/sluice/checkpoints",
  description: "The folder under which each job's checkpoints are written (<dir>/<job-id>/chk-<n>).",
});

export const SAVEPOINTS_DIR = options.string({
  key: "execution.checkpointing.savepoint-dir",
  deprecatedKeys: ["state.savepoints.dir"],
  default: join(base, "savepoints"),
  documentedDefault: "<tmpdir>/sluice/savepoints",
  description: "The default folder of savepoints.",
});

export const EXTERNALIZED_CHECKPOINT_RETENTION = options.enum({
  key: "execution.checkpointing.externalized-checkpoint-retention",
  values: ["DELETE_ON_CANCELLATION", "RETAIN_ON_CANCELLATION", "NO_EXTERNALIZED_CHECKPOINTS"] as const,
  default: "DELETE_ON_CANCELLATION",
  description: "Whether a cancelled job's retained checkpoints are kept (RETAIN_ON_CANCELLATION) or deleted.",
});

export const CHECKPOINTS_AFTER_TASKS_FINISH = options.boolean({
  key: "execution.checkpointing.checkpoints-after-tasks-finish",
  deprecatedKeys: ["execution.checkpointing.checkpoints-after-tasks-finish.enabled"],
  default: true,
  description:
    "Checkpoints go on when parts of the job have finished, and a bounded job takes a final checkpoint before FINISHED, through which two-phase-commit sinks commit their last transaction (FLIP-147). When false, tasks end at end of input and sinks commit their tail there.",
});

export const UNALIGNED_CHECKPOINTS = options.boolean({
  key: "execution.checkpointing.unaligned.enabled",
  deprecatedKeys: ["execution.checkpointing.unaligned"],
  default: false,
  description:
    "Unaligned checkpoints: barriers overtake the data in flight, which is persisted with the snapshot (exactly-once only, at most one concurrent checkpoint; savepoints stay aligned).",
});

export const ALIGNED_CHECKPOINT_TIMEOUT = options.duration({
  key: "execution.checkpointing.aligned-checkpoint-timeout",
  deprecatedKeys: ["execution.checkpointing.alignment-timeout"],
  default: 0,
  description:
    "With unaligned checkpoints: 0 starts every checkpoint unaligned; a positive duration starts it aligned and switches a task to unaligned when the checkpoint is still aligning that long after it started.",
});
