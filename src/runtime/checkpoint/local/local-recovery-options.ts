/**
 * Task-local recovery: a copy of each task's latest checkpointed state on its TaskManager's disk, which a
 * task restarted there restores from instead of the checkpoint storage (docs/checkpoints.md, "Task-local
 * recovery").
 */
import { options, readOption } from "../../../config/config-option.js";
import type { Configuration } from "../../../config/configuration.js";

export const LOCAL_RECOVERY = options.boolean({
  key: "execution.state-recovery.from-local",
  deprecatedKeys: ["state.backend.local-recovery"],
  default: false,
  description:
    "Keep a copy of each task's latest checkpointed state on its TaskManager's local disk and restore a task restarted on the same " +
    "TaskManager from it; a missing or damaged copy falls back to the checkpoint storage. Savepoints are never kept locally.",
});

export const LOCAL_STATE_ROOT_DIRS = options.list({
  key: "taskmanager.state.local.root-dirs",
  default: undefined,
  documentedDefault: "the TaskManager's working folder, <first of io.tmp.dirs>/tm_<TaskManager id>",
  description:
    "Folders (separated by \",\" or \";\") that hold the TaskManager's local state copies, under tm_<TaskManager id>/localState; " +
    "each subtask keeps its copies in one of them, always the same.",
});

/**
 * Whether a job's tasks keep local copies: the client's -D options first, then the cluster's
 * configuration (the first that sets the key wins). The JobMaster resolves it once, so its slot
 * assignment and every task agree.
 */
export function localRecoveryEnabled(...configs: ReadonlyArray<Readonly<Configuration> | undefined>): boolean {
  for (const c of configs) {
    if (!c) continue;
    if ([LOCAL_RECOVERY.key, ...LOCAL_RECOVERY.deprecatedKeys].some((k) => (c[k] ?? "").trim() !== "")) return readOption(c, LOCAL_RECOVERY);
  }
  return LOCAL_RECOVERY.defaultValue;
}
