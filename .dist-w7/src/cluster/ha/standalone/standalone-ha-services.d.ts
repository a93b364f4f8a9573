/**
 * The `none` HA implementation: fixed leader addresses, immediate leadership, in-memory stores.
 * Enough for the embedded MiniCluster and a single JobManager; nothing survives a JobManager crash.
 */
import type { CheckpointIdCounter, CompletedCheckpointStore, HighAvailabilityServices, JobGraphStore, JobResultStore, LeaderElection, LeaderRetrieval } from "../interface.js";
export interface StandaloneHaOptions {
    /** Component name → address, reported by retrieval until a local election confirms a leader. */
    addresses?: Readonly<Record<string, string>>;
    /**
     * When set, every leadership term uses this session id instead of a fresh one, so that processes
     * without a local election (TaskManagers) know the fencing token. Flink uses an all-zero id here.
     */
    fixedLeaderSessionId?: string;
}
export declare class StandaloneHighAvailabilityServices implements HighAvailabilityServices {
    readonly type = "none";
    private readonly registry;
    private readonly graphs;
    private readonly results;
    /** Per job, so that stores obtained again for the same job (after a JobMaster restart) see the data. */
    private readonly checkpoints;
    private readonly counters;
    private readonly elections;
    private readonly retrievals;
    constructor(options?: StandaloneHaOptions);
    leaderElection(component: string): LeaderElection;
    leaderRetrieval(component: string): LeaderRetrieval;
    jobGraphStore(): JobGraphStore;
    completedCheckpointStore(jobId: string, maxRetained?: number): CompletedCheckpointStore;
    checkpointIdCounter(jobId: string): CheckpointIdCounter;
    jobResultStore(): JobResultStore;
    cleanupJobData(jobId: string): Promise<void>;
    close(): Promise<void>;
    closeAndCleanupAllData(): Promise<void>;
}
