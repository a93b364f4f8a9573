import { type ZooKeeperClient } from "./zookeeper-client.js";
export interface LeaderLatchListener {
    isLeader(): void;
    notLeader(): void;
    onError(error: Error): void;
}
export interface LeaderLatchOptions {
    tolerateSuspendedConnection: boolean;
}
export declare class LeaderLatch {
    private readonly client;
    readonly latchPath: string;
    private readonly listener;
    private readonly options;
    private ourPath;
    /** Nodes of a lost session, deleted once connected again so they cannot block the election. */
    private readonly stalePaths;
    private leader;
    private started;
    private closed;
    /** Serializes all ZooKeeper work of this latch: state events, watches and retries. */
    private work;
    /** Watches of older evaluations are ignored, so re-watching never multiplies callbacks. */
    private watchGeneration;
    /** Counts lost sessions, so that a node created during a loss is not adopted. */
    private sessionEpoch;
    private unsubscribe;
    private retryTimer;
    private retryDelayMs;
    constructor(client: ZooKeeperClient, latchPath: string, listener: LeaderLatchListener, options: LeaderLatchOptions);
    /**
     * Joins the election. Resolves after the first attempt to create this candidate's node; when that
     * failed for want of a connection, it is retried after the reconnect (errors other than
     * ZooKeeper's go to onError).
     */
    start(): Promise<void>;
    hasLeadership(): boolean;
    /** This candidate's node, while it has one. */
    get nodePath(): string | null;
    /** Leaves the election: revokes leadership and deletes this candidate's node. */
    close(): Promise<void>;
    private onConnectionState;
    private enqueue;
    /**
     * ZooKeeper failures are retried: right away after the next reconnect, or with a backoff while
     * still connected. Anything else is a bug or misconfiguration and goes to the contender.
     */
    private handleFailure;
    /** Makes sure this candidate has a node of the current session, then evaluates the election. */
    private reset;
    private createNode;
    private checkLeadership;
    private setLeader;
}
