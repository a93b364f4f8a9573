import type { KeyedStateBackend } from "../state/keyed-state-backend.js";
import { type OperatorStateSnapshot } from "../state/operator-state-backend.js";
import type { TaskRestore } from "./checkpoint-metadata.js";
export interface RestoredOperator {
    operatorState: OperatorStateSnapshot | undefined;
    restoreKeyed(backend: KeyedStateBackend): void;
}
export declare class TaskStateRestorer {
    private readonly restore;
    private readonly subtask;
    private readonly parallelism;
    private readonly files;
    constructor(restore: TaskRestore, subtask: number, parallelism: number);
    private read;
    /** The operator's restored state, or undefined when the checkpoint has none for its uid. */
    operator(uid: string, keyGroupStart: number, keyGroupEnd: number): RestoredOperator | undefined;
}
