import { type ConnectionState, type CreateMode, type NodeStat, type TransactionOp, type Watcher, type ZooKeeperClientOptions } from "./zookeeper-types.js";
export * from "./zookeeper-types.js";
export { closeLibraryClient } from "./library-workarounds.js";
export declare class ZooKeeperClient {
    private readonly options;
    private state;
    private zk;
    /** Incremented per underlying client, so late events of a replaced client are ignored. */
    private generation;
    private readonly listeners;
    private readonly connectedWaiters;
    private lastHeardAt;
    private probeTimer;
    private readTimer;
    private lostTimer;
    private reconnectKickTimer;
    private readonly operationTimeoutMs;
    private constructor();
    /** Connects; rejects (and releases everything) when no connection is made within the timeout. */
    static connect(options: ZooKeeperClientOptions): Promise<ZooKeeperClient>;
    get connectionState(): ConnectionState | "LATENT" | "CLOSED";
    isClosed(): boolean;
    isConnected(): boolean;
    /** The current session's id in hex (changes after LOST). */
    get sessionId(): string;
    /** The current session's credentials; tests use them to expire the session from outside. */
    sessionCredentials(): {
        sessionId: Buffer;
        password: Buffer;
    };
    /** Subscribes to connection state changes; returns the unsubscribe function. */
    onConnectionStateChange(listener: (state: ConnectionState) => void): () => void;
    /** Resolves true once connected, false at the deadline or on close. */
    waitForConnection(deadline: number): Promise<boolean>;
    /** Creates a node; returns its actual path (with the sequence suffix for sequential modes). */
    create(path: string, data?: Uint8Array, mode?: CreateMode): Promise<string>;
    /** Creates a node, creating missing parents as persistent empty nodes. */
    createWithParents(path: string, data?: Uint8Array, mode?: CreateMode): Promise<string>;
    /** Makes sure `path` and its parents exist (as persistent nodes). */
    ensurePath(path: string): Promise<void>;
    /** The node's stat, or null when it does not exist; `watcher` fires on create, change or delete. */
    exists(path: string, watcher?: Watcher): Promise<NodeStat | null>;
    /** The node's data and stat, or null when it does not exist (a watcher then is not set). */
    getData(path: string, watcher?: Watcher): Promise<{
        data: Buffer;
        stat: NodeStat;
    } | null>;
    /** Sets data; with `version` >= 0 only if the node still has that version (else BAD_VERSION). */
    setData(path: string, data: Uint8Array, version?: number): Promise<NodeStat>;
    /** The children's names (unsorted), or null when the node does not exist. */
    getChildren(path: string, watcher?: Watcher): Promise<string[] | null>;
    /** Deletes a node; resolves false when it did not exist. */
    delete(path: string, version?: number): Promise<boolean>;
    /** Deletes a node and everything below it; no error when it does not exist. */
    deleteRecursive(path: string): Promise<void>;
    /** Runs the operations atomically (ZooKeeper multi); fails with the first failing op's code. */
    transaction(ops: TransactionOp[]): Promise<void>;
    /** Ends the session (its ephemeral nodes are deleted by the server) and stops reconnecting. */
    close(): Promise<void>;
    private newUnderlyingClient;
    private onUnderlyingState;
    private suspend;
    private loseSession;
    /** Restarts connection attempts that got stuck on a server that accepted TCP but never answered. */
    private kickStalledReconnects;
    /**
     * The read timeout the library lacks, as in the Java client: a probe every third of the session
     * timeout, and a reconnect when nothing was heard for two thirds of it. A partitioned leader thus
     * steps down about a third of the session timeout before the server expires its session and
     * another candidate takes over.
     */
    private startProbing;
    private stopProbing;
    /** The timeout the server granted (it bounds the requested one by its min/max), else the requested one. */
    private sessionTimeoutMs;
    private stopTimers;
    private transition;
    /**
     * Runs one operation against the current session with a deadline. Operations issued while
     * disconnected wait for the reconnect; lost replies are retried when `retry` allows it.
     */
    private run;
}
export declare function parentOf(path: string): string;
