/**
 * Restores one task's operators from a checkpoint or savepoint. Keyed state comes from every old
 * subtask whose key-group range overlaps this subtask's range (that is all rescaling needs);
 * operator state is redistributed by its mode (even split, union, broadcast).
 */
import { join } from "node:path";
import type { KeyedStateBackend } from "../state/keyed-state-backend.js";
import { redistributeOperatorState, type OperatorStateSnapshot } from "../state/operator-state-backend.js";
import type { TaskRestore } from "./checkpoint-metadata.js";
import { readTaskSnapshot, restoreKeyedState, type TaskSnapshot } from "./task-state.js";

export interface RestoredOperator {
  operatorState: OperatorStateSnapshot | undefined;
  restoreKeyed(backend: KeyedStateBackend): void;
}

export class TaskStateRestorer {
  private readonly files = new Map<string, TaskSnapshot>();

  constructor(
    private readonly restore: TaskRestore,
    private readonly subtask: number,
    private readonly parallelism: number,
  ) {}

  private read(file: string): TaskSnapshot {
    let s = this.files.get(file);
    if (!s) this.files.set(file, (s = readTaskSnapshot(join(this.restore.baseDir, file))));
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
