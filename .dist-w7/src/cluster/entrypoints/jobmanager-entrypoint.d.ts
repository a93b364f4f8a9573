import { type Configuration } from "../../config/configuration.js";
import type { LogBuffer, Logger } from "../../util/logger.js";
import type { Dispatcher } from "../dispatcher/dispatcher.js";
import { type HighAvailabilityServices } from "../ha/interface.js";
import { JobManagerLeadership } from "../leadership/jobmanager-leadership.js";
import type { ResourceManager } from "../resourcemanager/resource-manager.js";
export declare const JobManagerOptions: {
    readonly RPC_ADDRESS: "jobmanager.rpc.address";
    readonly RPC_PORT: "jobmanager.rpc.port";
    readonly BLOB_DIR: "blob.storage.directory";
};
export declare const DEFAULT_JOBMANAGER_RPC_PORT = 6123;
export interface RunningJobManager {
    /** Where TaskManagers register: tcp://host:port. */
    readonly rpcAddress: string;
    /** The REST endpoint, e.g. http://127.0.0.1:8081. */
    readonly restUrl: string;
    /** The current term's Dispatcher and ResourceManager; they throw while this JobManager is a standby. */
    readonly dispatcher: Dispatcher;
    readonly resourceManager: ResourceManager;
    readonly leadership: JobManagerLeadership;
    readonly ha: HighAvailabilityServices;
    /**
     * Without HA: cancels running jobs (bounded wait). With HA: leaves the election, so a standby takes
     * over the jobs at once (their HA data stays). Then closes REST, RPC and every connection.
     */
    close(): Promise<void>;
}
export interface JobManagerProcessOptions {
    config: Configuration;
    logger: Logger;
    /** Served as jobmanager.log by the REST API. */
    logs?: LogBuffer;
    /** The leader election failed for good (not a lost connection): the process should exit. */
    onFatalError?: (error: Error) => void;
}
export declare function startJobManager({ config, logger, logs, onFatalError }: JobManagerProcessOptions): Promise<RunningJobManager>;
