/**
 * A TaskManager's local state folders (Flink's TaskExecutorLocalStateStoresManager; docs/checkpoints.md,
 * "Task-local recovery"): `<root>/tm_<TaskManager id>/localState/jid_<job>/vtx_<vertex>_sti_<subtask>`.
 * The folder of a subtask does not depend on the slot or the attempt, so any attempt of it on this
 * TaskManager finds the copies of the one before. A job's folder is deleted when the TaskManager holds
 * no slot of the job any more (it ended, or its JobMaster let go of this TaskManager), the whole folder
 * when the TaskManager stops and when it starts (what a killed process with the same id left behind is
 * known to no JobMaster).
 */
import { existsSync, rmSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { createHash } from "node:crypto";
import { readOption } from "../../../config/config-option.js";
import type { Configuration } from "../../../config/configuration.js";
import { firstTempDir } from "../../state/state-backend-settings.js";
import { LOCAL_STATE_ROOT_DIRS } from "./local-recovery-options.js";
import { FileTaskLocalStateStore } from "./file-task-local-state-store.js";
import type { TaskLocalStateStore } from "./task-local-state-store.js";

export class TaskManagerLocalState {
  /** `<root>/tm_<id>/localState` for every configured root. */
  readonly dirs: readonly string[];

  constructor(config: Readonly<Configuration>, taskManagerId: string) {
    const roots = readOption(config, LOCAL_STATE_ROOT_DIRS) ?? [firstTempDir(config)];
    this.dirs = roots.map((r) => join(r, `tm_${taskManagerId}`, "localState"));
  }

  /** The folder of one subtask's copies: always the same root for the same subtask, so a restart finds them. */
  taskDir(jobId: string, vertexId: string, subtask: number): string {
    const name = `vtx_${vertexId}_sti_${subtask}`;
    const pick = createHash("sha1").update(`${jobId}/${name}`).digest().readUInt32BE(0) % this.dirs.length;
    return join(this.dirs[pick]!, `jid_${jobId}`, name);
  }

  /**
   * The job is gone from this TaskManager: its copies are of no use any more. Deleted in the
   * background; nothing is touched (no I/O awaited) for a job that kept none here.
   */
  releaseJob(jobId: string, onError: (e: Error) => void): void {
    for (const d of this.dirs) {
      const job = join(d, `jid_${jobId}`);
      if (existsSync(job)) rm(job, { recursive: true, force: true }).catch(onError);
    }
  }

  /** Deletes every copy of this TaskManager, synchronously (at start and at stop). */
  clear(): void {
    for (const d of this.dirs) rmSync(d, { recursive: true, force: true });
  }
}

/** The store of a deployed task, if its job keeps local copies (the TaskExecutor set `localStateDir`). */
export function taskLocalStateStore(localStateDir: string | undefined): TaskLocalStateStore | undefined {
  return localStateDir === undefined ? undefined : new FileTaskLocalStateStore(localStateDir);
}
