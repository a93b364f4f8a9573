/**
 * In-memory stores for the standalone (`none`) implementation. Same semantics as the ZooKeeper
 * stores, nothing survives the process. Values are copied in and out so that callers cannot change
 * stored data by mutating their objects.
 */
import { type CheckpointIdCounter, type CompletedCheckpoint, type CompletedCheckpointStore, type HaPayload, type JobGraphStore, type JobResultEntry, type JobResultStore } from "../interface.js";
export declare class InMemoryJobGraphStore implements JobGraphStore {
    private readonly graphs;
    put(jobId: string, jobGraph: HaPayload): Promise<void>;
    get(jobId: string): Promise<HaPayload | undefined>;
    remove(jobId: string): Promise<void>;
    jobIds(): Promise<string[]>;
}
export declare class InMemoryCompletedCheckpointStore implements CompletedCheckpointStore {
    readonly jobId: string;
    readonly maxRetained: number;
    private readonly checkpoints;
    /** Checkpoint id → payload; shared per job by the services, so a store re-created for a job sees them. */
    constructor(jobId: string, maxRetained: number, checkpoints: Map<number, HaPayload>);
    add(checkpoint: CompletedCheckpoint): Promise<CompletedCheckpoint[]>;
    latest(): Promise<CompletedCheckpoint | undefined>;
    list(): Promise<CompletedCheckpoint[]>;
    removeAll(): Promise<void>;
}
export declare class InMemoryCheckpointIdCounter implements CheckpointIdCounter {
    readonly jobId: string;
    private readonly cell;
    constructor(jobId: string, cell: {
        value: number;
    });
    getAndIncrement(): Promise<number>;
    get(): Promise<number>;
    set(value: number): Promise<void>;
}
export declare class InMemoryJobResultStore implements JobResultStore {
    /** jobId → result while dirty, or null once clean (clean entries keep no bytes). */
    private readonly entries;
    createDirty(jobId: string, result: HaPayload): Promise<void>;
    markClean(jobId: string): Promise<void>;
    has(jobId: string): Promise<boolean>;
    hasDirty(jobId: string): Promise<boolean>;
    hasClean(jobId: string): Promise<boolean>;
    dirtyResults(): Promise<JobResultEntry[]>;
    deleteClean(jobId: string): Promise<void>;
    clear(): void;
}
export declare function newCounterCell(): {
    value: number;
};
