/** A submission's savepoint, loaded and checked against the job before its JobMaster starts. */
import { loadCheckpoint, taskRestoreOf } from "../jobmaster/checkpoint-storage.js";
import type { TaskRestore } from "../../runtime/checkpoint/checkpoint-metadata.js";
import type { JobSubmission } from "../messages.js";
import { checkChannelStateRestorable } from "../../runtime/checkpoint/task-restore.js";

/** Loads the savepoint and checks every operator state in it has an operator (uid) in the job. */
export async function loadSavepointFor(submission: JobSubmission): Promise<TaskRestore | undefined> {
  if (!submission.savepointPath) return undefined;
  const { metadata, dir } = await loadCheckpoint(submission.savepointPath);
  const uids = new Set(submission.jobGraph.vertices.flatMap((v) => v.operators.map((o) => o.uid)));
  const unmatched = Object.entries(metadata.operators).filter(([uid]) => !uids.has(uid));
  // Split enumerator states are operator state too (of the source operator with that uid).
  for (const uid of Object.keys(metadata.coordinators ?? {})) {
    if (!uids.has(uid) && !metadata.operators[uid]) unmatched.push([uid, { operatorName: "split enumerator", vertexId: "", parallelism: 0, maxParallelism: 0, subtasks: [] }]);
  }
  if (unmatched.length > 0 && !submission.allowNonRestoredState) {
    throw new Error(
      `the savepoint has state for operators this job does not have: ${unmatched.map(([uid, o]) => `${o.operatorName} (uid ${uid})`).join(", ")}; ` +
        "give them the same uid() as before, or allow non-restored state (--allow-non-restored-state)",
    );
  }
  const restore = taskRestoreOf(metadata, dir);
  checkChannelStateRestorable(restore, submission.jobGraph);
  return restore;
}
