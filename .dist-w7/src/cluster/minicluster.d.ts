import type { Dispatcher } from "./dispatcher/dispatcher.js";
import type { ResourceManager } from "./resourcemanager/resource-manager.js";
import { TaskExecutor } from "./taskexecutor/task-executor.js";
import { type Logger } from "../util/logger.js";
import { type HighAvailabilityServices } from "./ha/interface.js";
import { JobManagerLeadership } from "./leadership/jobmanager-leadership.js";
export interface MiniClusterOptions {
    numTaskManagers?: number;
    slotsPerTaskManager?: number;
    config?: Record<string, string>;
    logger?: Logger;
}
export declare class MiniCluster {
    readonly leadership: JobManagerLeadership;
    readonly ha: HighAvailabilityServices;
    private readonly rmLeader;
    private readonly jmRpc;
    private readonly workDir;
    readonly taskExecutors: TaskExecutor[];
    private readonly services;
    private readonly rpcOf;
    private readonly config;
    private readonly logger;
    private constructor();
    /** The Dispatcher of the current leadership term. */
    get dispatcher(): Dispatcher;
    get resourceManager(): ResourceManager;
    private term;
    static start(options?: MiniClusterOptions): Promise<MiniCluster>;
    /** Starts one more TaskExecutor; it registers its slots and can take waiting jobs. */
    addTaskExecutor(slots: number): Promise<TaskExecutor>;
    /** Stops a TaskExecutor as if its process died: its tasks fail and the JobMasters react. */
    killTaskExecutor(te: TaskExecutor): Promise<void>;
    get activeWorkers(): number;
    /** Without HA cancels the jobs; with HA leaves them (SUSPENDED) to the next leader. */
    close(): Promise<void>;
}
