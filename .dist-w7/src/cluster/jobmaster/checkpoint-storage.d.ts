import { type CheckpointMetadata, type TaskRestore } from "../../runtime/checkpoint/checkpoint-metadata.js";
export declare class CheckpointStorageError extends Error {
    name: string;
}
export declare function jobCheckpointDir(base: string, jobId: string): string;
/** Creates `<base>/<job-id>/{shared,taskowned}` and returns the folder of checkpoint `id`. */
export declare function checkpointDir(base: string, jobId: string, id: number): string;
export declare function newSavepointDir(base: string, jobId: string): string;
export declare function writeMetadata(dir: string, metadata: CheckpointMetadata): string;
/** Accepts a checkpoint/savepoint folder or its `_metadata` file. */
export declare function metadataPathOf(path: string): string;
/**
 * Reads and checks a checkpoint: the metadata parses and every state file it names exists with the
 * recorded size. Throws CheckpointStorageError naming what is wrong.
 */
export declare function loadCheckpoint(path: string): {
    metadata: CheckpointMetadata;
    dir: string;
};
export declare function taskRestoreOf(metadata: CheckpointMetadata, dir: string): TaskRestore;
/**
 * Best effort and in the background (never blocking the JobMaster): a task may still be writing
 * into an aborted checkpoint's folder; the job's cleanup gets what is left.
 */
export declare function discardCheckpoint(dir: string): Promise<void>;
/** Deletes a savepoint folder after checking it is one (sluice savepoint --dispose). */
export declare function disposeSavepoint(path: string): void;
