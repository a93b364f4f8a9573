/**
 * Restores one task's operators from a checkpoint or savepoint. Keyed state comes from every old
 * subtask whose key-group range overlaps this subtask's range (that is all rescaling needs);
 * operator state is redistributed by its mode (even split, union, broadcast).
 */
import { join } from "node:path";
import { redistributeOperatorState } from "../state/operator-state-backend.js";
import { readTaskSnapshot, restoreKeyedState } from "./task-state.js";
export class TaskStateRestorer {
    restore;
    subtask;
    parallelism;
    files = new Map();
    constructor(restore, subtask, parallelism) {
        this.restore = restore;
        this.subtask = subtask;
        this.parallelism = parallelism;
    }
    read(file) {
        let s = this.files.get(file);
        if (!s)
            this.files.set(file, (s = readTaskSnapshot(join(this.restore.baseDir, file))));
        return s;
    }
    /** The operator's restored state, or undefined when the checkpoint has none for its uid. */
    operator(uid, keyGroupStart, keyGroupEnd) {
        const handles = this.restore.operators[uid];
        if (!handles)
            return undefined;
        let operatorState;
        if (handles.parallelism === this.parallelism) {
            const own = handles.subtasks.find((s) => s.subtask === this.subtask);
            operatorState = own ? this.read(own.file).operators[uid]?.operator : undefined;
        }
        else {
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
                    if (s.keyGroupEnd < keyGroupStart || s.keyGroupStart > keyGroupEnd)
                        continue;
                    restoreKeyedState(backend, this.read(s.file).operators[uid]?.keyed ?? []);
                }
            },
        };
    }
}
//# sourceMappingURL=task-restore.js.map