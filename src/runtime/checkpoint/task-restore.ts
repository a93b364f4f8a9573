/**
 * Restores one task's operators from a checkpoint or savepoint. Keyed state comes from every old
 * subtask whose key-group range overlaps this subtask's range (that is all rescaling needs);
 * operator state is redistributed by its mode (even split, union, broadcast).
 *
 * The state files may be remote (docs/architecture.md, "File systems"): `load` reads every file
 * the task's operators need, in parallel, before the task builds its operators synchronously. The
 * task's own file (same subtask, same parallelism) comes from its local copy when it has one
 * (docs/checkpoints.md, "Task-local recovery").
 */
import { joinUri } from "../../fs/file-system.js";
import type { KeyedStateBackend } from "../state/keyed-state-backend.js";
import { redistributeOperatorState, type OperatorStateSnapshot } from "../state/operator-state-backend.js";
import type { TaskRestore } from "./checkpoint-metadata.js";
import { restoreKeyedState, type TaskSnapshot } from "./task-state.js";
import type { TaskLocalStateStore } from "./local/task-local-state-store.js";
import { readPreferringLocalCopy } from "./local/local-first-read.js";

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
    /** Every file came from the task's local copy (false when any came from the checkpoint storage). */
    readonly restoredLocally: boolean,
  ) {}

  /**
   * Reads the files that the operators `uids` of subtask `subtask` (key groups [start, end]) restore
   * from; its own file from `local` if that has an intact copy.
   */
  static async load(
    restore: TaskRestore,
    subtask: number,
    parallelism: number,
    uids: readonly string[],
    keyGroups: { start: number; end: number },
    local?: TaskLocalStateStore,
  ): Promise<TaskStateRestorer> {
    const needed = new Set<string>();
    const own = new Set<string>();
    for (const uid of uids) {
      const handles = restore.operators[uid];
      if (!handles) continue;
      for (const s of handles.subtasks) {
        const overlaps = s.keyGroupEnd >= keyGroups.start && s.keyGroupStart <= keyGroups.end;
        if (overlaps || handles.parallelism !== parallelism || s.subtask === subtask) needed.add(s.file);
        if (handles.parallelism === parallelism && s.subtask === subtask) own.add(s.file);
      }
    }
    // A local copy is of the subtask's own file: it serves a restore at the same parallelism, where that is all it reads.
    const copies = [...needed].every((file) => own.has(file)) ? local : undefined;
    const files = new Map<string, TaskSnapshot>();
    let remoteReads = 0;
    await Promise.all(
      [...needed].map(async (file) => {
        const read = await readPreferringLocalCopy(joinUri(restore.baseDir, file), restore.checkpointId, copies);
        if (!read.local) remoteReads++;
        files.set(file, read.snapshot);
      }),
    );
    return new TaskStateRestorer(restore, subtask, parallelism, files, files.size > 0 && remoteReads === 0);
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
