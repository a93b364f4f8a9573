import { ZooKeeperHighAvailabilityServices } from "../../../src/cluster/ha/zookeeper/zookeeper-ha-services.js";
import { LeaderTracker } from "../../../src/cluster/leadership/leader-tracker.js";
import type { JobResult } from "../../../src/cluster/messages.js";
import { type ZooKeeperServer } from "../../support/zookeeper.js";
import { type JobManagerProcess, type TaskManagerProcess } from "../../cluster/support/processes.js";
/** Short enough for quick failovers in tests; ZooKeeper (tick 500 ms) accepts 1 to 10 s. */
export declare const SESSION_TIMEOUT_MS = 2000;
export declare class HaCluster {
    readonly zk: ZooKeeperServer;
    readonly dir: string;
    readonly config: Record<string, string>;
    /** The test's own session: reads what the cluster keeps in ZooKeeper. */
    readonly observer: ZooKeeperHighAvailabilityServices;
    readonly restLeader: LeaderTracker;
    readonly dispatcherLeader: LeaderTracker;
    readonly jobManagers: JobManagerProcess[];
    readonly taskManagers: TaskManagerProcess[];
    private constructor();
    static start(extraConfig?: Record<string, string>): Promise<HaCluster>;
    startJobManager(): Promise<JobManagerProcess>;
    /** With HA the TaskManager finds the leader itself; --jobmanager is only syntax here. */
    startTaskManager(slots?: number): Promise<TaskManagerProcess>;
    get liveJobManagers(): JobManagerProcess[];
    /** The JobManager process that leads (per the REST leader in ZooKeeper), waiting for one. */
    leader(timeoutMs?: number, except?: JobManagerProcess): Promise<JobManagerProcess>;
    /** Submits a job file through the leader's REST endpoint. */
    submit(file: string, args: string[]): Promise<string>;
    /** The job's result, from whichever JobManager leads while it ends (failovers in between are retried). */
    result(jobId: string, timeoutMs?: number): Promise<JobResult>;
    /** The job's state and checkpoint count as the leader reports them (undefined while unknown). */
    jobStatus(jobId: string): Promise<{
        state: string;
        running: number;
        completedCheckpoints: number;
    } | undefined>;
    /** Waits until the job runs with all its tasks under the current leader and has completed a checkpoint there. */
    waitUntilRunningWithCheckpoint(jobId: string, timeoutMs?: number): Promise<void>;
    /** Every ZooKeeper node and storage-directory file that belongs to the job. */
    haDataOf(jobId: string): Promise<{
        nodes: string[];
        files: string[];
    }>;
    /** The structured logs of every JobManager started so far. */
    jobManagerLogs(): string;
    close(): Promise<void>;
}
