import { type Configuration } from "../../config/configuration.js";
import type { CheckpointingMode } from "../../runtime/checkpoint/checkpoint-metadata.js";
export interface CheckpointSettings {
    /** 0 disables periodic checkpoints (savepoints still work). */
    intervalMs: number;
    timeoutMs: number;
    minPauseMs: number;
    maxConcurrent: number;
    tolerableFailures: number;
    retained: number;
    mode: CheckpointingMode;
    /** Base folder; each job's checkpoints go to `<dir>/<job-id>/chk-<n>`. */
    dir: string;
    savepointDir: string;
    /** What happens to retained checkpoints when the job is cancelled. */
    retainOnCancellation: boolean;
}
export declare function checkpointSettings(jobSettings: Readonly<Record<string, unknown>>, config: Configuration): CheckpointSettings;
