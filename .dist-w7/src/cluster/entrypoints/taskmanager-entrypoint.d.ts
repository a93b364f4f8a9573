import { type Configuration } from "../../config/configuration.js";
import type { Logger } from "../../util/logger.js";
import { TaskExecutor } from "../taskexecutor/task-executor.js";
import { TcpDataTransport } from "../taskexecutor/tcp-data-transport.js";
export declare const TaskManagerOptions: {
    readonly HOST: "taskmanager.host";
    readonly RPC_PORT: "taskmanager.rpc.port";
    readonly DATA_PORT: "taskmanager.data.port";
    readonly SLOTS: "taskmanager.numberOfTaskSlots";
    readonly RESOURCE_ID: "taskmanager.resource-id";
    readonly HEAP_MB: "taskmanager.memory.task.heap.mb";
    readonly MAX_FRAME_BYTES: "taskmanager.network.max-frame-bytes";
};
export interface RunningTaskManager {
    readonly id: string;
    readonly rpcAddress: string;
    readonly dataAddress: string;
    /** The JobManager it registers at: tcp://host:port (with HA: the current leader's). */
    readonly jobManager: string;
    readonly taskExecutor: TaskExecutor;
    readonly dataTransport: TcpDataTransport;
    /** Stops the tasks (their JobMasters see the connection go and fail over), closes every socket. */
    close(): Promise<void>;
}
export interface TaskManagerProcessOptions {
    config: Configuration;
    logger: Logger;
    /** tcp://host:port or host:port of the JobManager; default from jobmanager.rpc.address/port. */
    jobManager?: string;
    /** Overrides taskmanager.numberOfTaskSlots. */
    slots?: number;
    /** Called when the TaskManager cannot go on (e.g. its secret is refused). */
    onFatalError?: (error: Error) => void;
}
/** Accepts `host:port`, `[v6]:port` or `tcp://host:port`. */
export declare function jobManagerAddress(given: string | undefined, config: Configuration): string;
/** Resolves once the RPC and data endpoints are up; registration continues in the background. */
export declare function startTaskManager(options: TaskManagerProcessOptions): Promise<RunningTaskManager & {
    registered: Promise<void>;
}>;
