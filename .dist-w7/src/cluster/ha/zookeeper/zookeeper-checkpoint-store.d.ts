/**
 * Completed checkpoints of one job: jobs/<job-id>/checkpoints/<zero-padded id> → file path.
 * The newest `maxRetained` are kept; older ones are removed when a new one is added.
 */
import type { CompletedCheckpoint, CompletedCheckpointStore } from "../interface.js";
import type { FileStateStore } from "./file-state-store.js";
import { ZooKeeperLayout } from "./layout.js";
import { type ZooKeeperClient } from "./zookeeper-client.js";
export declare class ZooKeeperCompletedCheckpointStore implements CompletedCheckpointStore {
    private readonly client;
    private readonly layout;
    private readonly files;
    readonly jobId: string;
    readonly maxRetained: number;
    constructor(client: ZooKeeperClient, layout: ZooKeeperLayout, files: FileStateStore, jobId: string, maxRetained: number);
    add(checkpoint: CompletedCheckpoint): Promise<CompletedCheckpoint[]>;
    latest(): Promise<CompletedCheckpoint | undefined>;
    list(): Promise<CompletedCheckpoint[]>;
    removeAll(): Promise<void>;
    /** Checkpoint ids in the store, newest first. */
    private ids;
    /** The checkpoint, or undefined when it was removed concurrently. */
    private read;
    private subsumeOldest;
    /** Removes pointer then file; returns what was stored (read before, for the caller to discard). */
    private removeCheckpoint;
}
