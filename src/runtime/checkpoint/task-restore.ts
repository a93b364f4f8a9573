/**
 * Restores one task's operators from a checkpoint or savepoint. Keyed state comes from every old
 * subtask whose key-group range overlaps this subtask's range (that is all rescaling needs);
 * operator state is redistributed by its mode (even split, union, broadcast).
 *
 * The state files may be remote (docs/architecture.md, "File systems"): `load` reads every file
 * the task's operators need, in parallel, before the task builds its operators synchronously.
 */
import { joinUri } from "../../fs/file-system.js";
import type { KeyedStateBackend } from "../state/keyed-state-backend.js";
import { redistributeOperatorState, type OperatorStateSnapshot } from "../state/operator-state-backend.js";
import type { TaskRestore } from "./checkpoint-metadata.js";
import type { JobGraph } from "../../graph/job-graph.js";
import { readTaskSnapshot, restoreKeyedState, type TaskSnapshot } from "./task-state.js";
import type { ChannelStateSnapshot } from "./channel-state.js";
import { SluiceError, registerErrorClass } from "../../errors/sluice-error.js";

/**
 * An unaligned checkpoint's in-flight data cannot be restored at another parallelism: Sluice does
 * not redistribute channel state (docs/checkpoints.md, "Unaligned checkpoints").
 */
export class ChannelStateRescaleError extends SluiceError {}
registerErrorClass(ChannelStateRescaleError);

export interface RestoredOperator {
  operatorState: OperatorStateSnapshot | undefined;
  restoreKeyed(backend: KeyedStateBackend): void;
}

export class TaskStateRestorer {
  private constructor(
    private readonly restore: TaskRestore,
    private readonly subtask: number,
    private readonly parallelism: number,
    private readonly files: ReadonlyMap<string, TaskSnapshot>,
    /** This subtask's own file in the checkpoint, when it was taken at the same parallelism. */
    private readonly ownFile: string | undefined,
  ) {}

  /** Reads the files that the operators `uids` of subtask `subtask` (key groups [start, end]) restore from. */
  static async load(restore: TaskRestore, subtask: number, parallelism: number, uids: readonly string[], keyGroups: { start: number; end: number }): Promise<TaskStateRestorer> {
    const needed = new Set<string>();
    let ownFile: string | undefined;
    for (const uid of uids) {
      const handles = restore.operators[uid];
      if (!handles) continue;
      if (handles.parallelism === parallelism) ownFile ??= handles.subtasks.find((s) => s.subtask === subtask)?.file;
      for (const s of handles.subtasks) {
        const overlaps = s.keyGroupEnd >= keyGroups.start && s.keyGroupStart <= keyGroups.end;
        if (overlaps || handles.parallelism !== parallelism || s.subtask === subtask) needed.add(s.file);
      }
    }
    const files = new Map<string, TaskSnapshot>();
    await Promise.all([...needed].map(async (file) => files.set(file, await readTaskSnapshot(joinUri(restore.baseDir, file)))));
    return new TaskStateRestorer(restore, subtask, parallelism, files, ownFile);
  }

  /** The in-flight data of an unaligned checkpoint this subtask restores, if any. */
  channelState(): ChannelStateSnapshot | undefined {
    return this.ownFile ? this.read(this.ownFile).channels : undefined;
  }

  private read(file: string): TaskSnapshot {
    const s = this.files.get(file);
    if (!s) throw new Error(`state file ${file} was not loaded for subtask ${this.subtask}`);
    return s;
  }

  /** The operator's restored state, or undefined when the checkpoint has none for its uid. */
  operator(uid: string, keyGroupStart: number, keyGroupEnd: number): RestoredOperator | undefined {
    const handles = this.restore.operators[uid];
    if (!handles) return undefined;
    let operatorState: OperatorStateSnapshot | undefined;
    if (handles.parallelism === this.parallelism) {
      const own = handles.subtasks.find((s) => s.subtask === this.subtask);
      operatorState = own ? this.read(own.file).operators[uid]?.operator : undefined;
    } else {
      const all = handles.subtasks
        .slice()
        .sort((a, b) => a.subtask - b.subtask)
        .map((s) => this.read(s.file).operators[uid]?.operator ?? {});
      operatorState = redistributeOperatorState(all, this.parallelism)[this.subtask];
    }
    return {
      operatorState,
      restoreKeyed: (backend) => {
        for (const s of handles.subtasks) {
          if (s.keyGroupEnd < keyGroupStart || s.keyGroupStart > keyGroupEnd) continue;
          restoreKeyedState(backend, this.read(s.file).operators[uid]?.keyed ?? []);
        }
      },
    };
  }
}

/**
 * Refuses to restore an unaligned checkpoint's in-flight data into a job whose parallelism differs
 * anywhere from the checkpoint's: channel state is per channel (producer subtask to consumer subtask),
 * and Sluice does not redistribute it. Checked when a job is submitted with the checkpoint, and again
 * by each task (loadTaskRestorer).
 */
export function checkChannelStateRestorable(restore: TaskRestore, jobGraph: JobGraph): void {
  let inFlight = 0;
  for (const handles of Object.values(restore.operators)) for (const s of handles.subtasks) inFlight += s.persistedDataBytes ?? 0;
  if (inFlight === 0) return;
  for (const v of jobGraph.vertices) {
    for (const o of v.operators) {
      const handles = restore.operators[o.uid];
      if (!handles || handles.parallelism === v.parallelism) continue;
      throw new ChannelStateRescaleError(
        `checkpoint ${restore.checkpointId} is an unaligned checkpoint with ${inFlight} bytes of in-flight data (channel state); ` +
          `"${handles.operatorName}" had parallelism ${handles.parallelism} in it and has ${v.parallelism} now: Sluice does not redistribute channel state. ` +
          `Restore it at the parallelism it was taken with, or take a savepoint (savepoints are always aligned) and rescale from that`,
      );
    }
  }
}
