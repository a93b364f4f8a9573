/**
 * The `zookeeper` HA implementation: one ZooKeeper session per process, shared by all elections,
 * retrievals and stores of this cluster id; bytes in the storage directory.
 */
import type { CheckpointIdCounter, CompletedCheckpointStore, HighAvailabilityServices, JobGraphStore, JobResultStore, LeaderElection, LeaderRetrieval } from "../interface.js";
import { FileStateStore } from "./file-state-store.js";
import { ZooKeeperLayout } from "./layout.js";
import { ZooKeeperClient } from "./zookeeper-client.js";
export interface ZooKeeperHaOptions {
    quorum: string;
    storageDir: string;
    clusterId: string;
    rootPath: string;
    sessionTimeoutMs: number;
    connectionTimeoutMs: number;
    tolerateSuspendedConnection: boolean;
    /** Deadline of one ZooKeeper operation including reconnect waits; default connectionTimeoutMs. */
    operationTimeoutMs?: number;
}
export declare class ZooKeeperHighAvailabilityServices implements HighAvailabilityServices {
    /** The session; exposed for diagnostics and fault-injection tests. */
    readonly client: ZooKeeperClient;
    private readonly options;
    readonly type = "zookeeper";
    readonly layout: ZooKeeperLayout;
    readonly files: FileStateStore;
    private readonly graphs;
    private readonly results;
    private readonly elections;
    private readonly retrievals;
    private closed;
    private constructor();
    /** Connects to the quorum; rejects when it is unreachable within the connection timeout. */
    static create(options: ZooKeeperHaOptions): Promise<ZooKeeperHighAvailabilityServices>;
    leaderElection(component: string): LeaderElection;
    leaderRetrieval(component: string): LeaderRetrieval;
    jobGraphStore(): JobGraphStore;
    completedCheckpointStore(jobId: string, maxRetained?: number): CompletedCheckpointStore;
    checkpointIdCounter(jobId: string): CheckpointIdCounter;
    jobResultStore(): JobResultStore;
    cleanupJobData(jobId: string): Promise<void>;
    close(): Promise<void>;
    private ensureOpen;
    closeAndCleanupAllData(): Promise<void>;
}
