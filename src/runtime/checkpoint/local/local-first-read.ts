/**
 * Reading a task's own state file on restore, from its local copy when there is one that is intact
 * (its SHA-256 matches), else from the checkpoint storage (docs/checkpoints.md, "Task-local recovery").
 */
import { decodeTaskSnapshot, readTaskSnapshot, type TaskSnapshot } from "../task-state.js";
import type { TaskLocalStateStore } from "./task-local-state-store.js";
import { localRecoveryLog } from "./local-recovery-log.js";

export interface StateFileRead {
  snapshot: TaskSnapshot;
  /** Read from the local copy (not from the checkpoint storage). */
  local: boolean;
}

/** Reads the state file `uri` of checkpoint `checkpointId`, preferring the copy in `local`. */
export async function readPreferringLocalCopy(uri: string, checkpointId: number, local: TaskLocalStateStore | undefined): Promise<StateFileRead> {
  if (local) {
    try {
      const bytes = await local.retrieve(checkpointId, uri);
      if (bytes) {
        const snapshot = decodeTaskSnapshot(bytes, `${uri} (local copy in ${local.location})`);
        localRecoveryLog.info(`restoring checkpoint ${checkpointId} from the local copy in ${local.location}`);
        return { snapshot, local: true };
      }
      localRecoveryLog.info(`no local copy of checkpoint ${checkpointId} in ${local.location}; restoring from the checkpoint storage, ${uri}`);
    } catch (e) {
      localRecoveryLog.warn(`the local copy of checkpoint ${checkpointId} in ${local.location} cannot be used (${(e as Error).message}); restoring from the checkpoint storage, ${uri}`);
      // A damaged copy would be found damaged again: delete it.
      await local.abort(checkpointId).catch(() => {});
    }
  }
  return { snapshot: await readTaskSnapshot(uri), local: false };
}
