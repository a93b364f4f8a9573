/**
 * Where a TaskManager finds the ResourceManager (and the BlobServer, which every JobManager serves
 * next to it): without HA at the configured JobManager address with Flink's fixed default leader
 * session id; with HA through leader retrieval, following every change of leader so that the
 * TaskExecutor re-registers with the new leader at once.
 */
import type { Configuration } from "../../config/configuration.js";
import type { LeaderAddress, TaskExecutor } from "../taskexecutor/task-executor.js";
export interface ResourceManagerLeaderSource {
    /** The current leader, waiting for one when there is none. */
    resourceManager(): Promise<LeaderAddress>;
    blobServerAddress(): Promise<string>;
    /** The leader's address as known now, for log lines. */
    describe(): string;
    /** Tells the TaskExecutor about every leader change. */
    follow(taskExecutor: TaskExecutor): void;
    close(): Promise<void>;
}
/** `fixedJobManager` (tcp://host:port) is used without HA and ignored with it. */
export declare function resourceManagerLeaderSource(config: Configuration, fixedJobManager: string): Promise<ResourceManagerLeaderSource>;
