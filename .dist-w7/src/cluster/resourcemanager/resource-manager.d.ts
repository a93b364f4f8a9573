import type { RpcService } from "../rpc/interface.js";
import { type ResourceManagerGateway } from "../gateways.js";
import { type HeartbeatSettings } from "../heartbeat.js";
import type { SlotReport, TaskExecutorRegistration, TaskManagerInfo } from "../messages.js";
import type { Logger } from "../../util/logger.js";
export interface ResourceManagerOptions {
    rpc: RpcService;
    heartbeat: HeartbeatSettings;
    logger: Logger;
    /** Fencing token (leader session id). */
    sessionId?: string;
}
export declare class ResourceManager implements ResourceManagerGateway {
    private readonly options;
    readonly sessionId: string;
    private readonly taskExecutors;
    private readonly requirements;
    private readonly heartbeats;
    private readonly log;
    constructor(options: ResourceManagerOptions);
    start(): void;
    registerTaskExecutor(registration: TaskExecutorRegistration): Promise<{
        resourceManagerId: string;
    }>;
    heartbeatFromTaskExecutor(taskManagerId: string, report: SlotReport): void;
    declareRequiredResources(jobId: string, jobMasterAddress: string, slots: number, jobMasterToken?: string): void;
    disconnectTaskExecutor(taskManagerId: string, cause: string): void;
    requestTaskManagers(): TaskManagerInfo[];
    /** Free and total slots, for the scheduler's "waiting for resources" message. */
    slotCounts(): {
        total: number;
        free: number;
    };
    private applySlotReport;
    private removeTaskExecutor;
    /** Asks TaskExecutors with free slots to offer them to jobs that need more. */
    private checkRequirements;
    stop(): void;
}
