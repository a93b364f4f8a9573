/**
 * The JobManager as a leader contender (DESIGN.md section 7).
 *
 * The Dispatcher, the ResourceManager and every JobMaster of a JobManager lead together, under one
 * election of the "cluster" component — the choice Flink made in 1.15 (one leader election service
 * per process, one latch, one connection-info node per component). Leading together means one
 * leader session id per term, and it is the fencing token of all of them: a TaskExecutor registered
 * with the ResourceManager of session S knows that JobMasters of any other session are stale.
 *
 * Per term (grant → revoke) this builds a fresh ResourceManager and Dispatcher with the term's
 * session id, publishes the ResourceManager's address at once (TaskExecutors register while jobs are
 * being recovered), recovers every persisted job, and then publishes the Dispatcher's RPC address
 * and the REST endpoint's URL. On revocation the term's JobMasters are suspended (job status
 * SUSPENDED: HA data kept), the ResourceManager stops, and the fenced endpoints reject every call
 * until the next grant. With the standalone (`none`) services the single term begins at start().
 */
import type { HighAvailabilityServices, LeaderContender } from "../ha/interface.js";
import type { BlobServer } from "../blob/blob-server.js";
import { Dispatcher } from "../dispatcher/dispatcher.js";
import { ResourceManager } from "../resourcemanager/resource-manager.js";
import type { RpcService } from "../rpc/interface.js";
import type { Logger } from "../../util/logger.js";
export interface JobManagerLeadershipOptions {
    rpc: RpcService;
    ha: HighAvailabilityServices;
    blobServer: BlobServer;
    config: Readonly<Record<string, string>>;
    logger: Logger;
    /** The REST endpoint's URL, published as the leader address of the rest_server component. */
    restUrl?: () => string | undefined;
    /** The election cannot go on (a bug, not a lost connection): the process should exit. */
    onFatalError?: (error: Error) => void;
}
/** One leadership term: the components that lead under its session id. */
export interface LeaderTerm {
    readonly sessionId: string;
    readonly dispatcher: Dispatcher;
    readonly resourceManager: ResourceManager;
    /** Settles once the term's jobs are recovered and its addresses published. */
    readonly ready: Promise<void>;
}
export declare class JobManagerLeadership implements LeaderContender {
    private readonly options;
    private current;
    private election;
    private readonly endpoints;
    private readonly termListeners;
    private readonly log;
    private closed;
    /** close() is under way: the end of the term is a shutdown, not a lost election. */
    private closing;
    constructor(options: JobManagerLeadershipOptions);
    /** Serves the fenced endpoints and joins the election (with `none`: leads from here on). */
    start(): Promise<void>;
    /** The current term, while this JobManager leads. */
    get term(): LeaderTerm | undefined;
    get isLeader(): boolean;
    /** Called with every new term and with undefined when a term ends. Returns the unsubscribe function. */
    onTermChange(listener: (term: LeaderTerm | undefined) => void): () => void;
    /** Resolves with the term once this JobManager leads and its jobs are recovered; rejects after `timeoutMs`. */
    waitForLeadership(timeoutMs: number): Promise<LeaderTerm>;
    grantLeadership(sessionId: string): void;
    revokeLeadership(): void;
    handleError(error: Error): void;
    /** Leaves the election (a standby takes over at once) and stops serving. HA data stays. */
    close(): Promise<void>;
    private beginTerm;
    private endTerm;
    private notify;
}
