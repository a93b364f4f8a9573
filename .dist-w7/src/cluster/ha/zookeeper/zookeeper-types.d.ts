/** Types and errors of the ZooKeeper client (see zookeeper-client.ts). */
export type ConnectionState = "CONNECTED" | "SUSPENDED" | "RECONNECTED" | "LOST";
export type CreateMode = "persistent" | "ephemeral" | "persistent_sequential" | "ephemeral_sequential";
export interface ZooKeeperClientOptions {
    /** "host:port,host:port" (optionally with a chroot suffix). */
    connectString: string;
    sessionTimeoutMs: number;
    /** How long to wait for the first connection, and for one connection attempt. */
    connectionTimeoutMs: number;
    /** Deadline of one operation, including waiting for a reconnect. Default: connectionTimeoutMs. */
    operationTimeoutMs?: number;
}
export interface NodeStat {
    version: number;
    cversion: number;
    numChildren: number;
    dataLength: number;
    /** Session id (hex) owning an ephemeral node; all zeros for persistent nodes. */
    ephemeralOwner: string;
}
export type WatchEventType = "created" | "deleted" | "dataChanged" | "childrenChanged";
export interface WatchEvent {
    type: WatchEventType;
    path: string;
}
/** One-shot, as in ZooKeeper: re-register to keep watching. */
export type Watcher = (event: WatchEvent) => void;
export type TransactionOp = {
    op: "create";
    path: string;
    data?: Uint8Array;
    mode?: CreateMode;
} | {
    op: "setData";
    path: string;
    data: Uint8Array;
    version?: number;
} | {
    op: "delete";
    path: string;
    version?: number;
} | {
    op: "check";
    path: string;
    version?: number;
};
/** A ZooKeeper error code such as NO_NODE, NODE_EXISTS, BAD_VERSION, NOT_EMPTY, CONNECTION_LOSS. */
export declare class ZooKeeperError extends Error {
    readonly code: string;
    readonly operation: string;
    readonly path: string;
    name: string;
    constructor(code: string, operation: string, path: string);
}
export declare class ZooKeeperTimeoutError extends Error {
    name: string;
}
export declare class ZooKeeperClosedError extends Error {
    name: string;
}
export declare function isZooKeeperError(error: unknown, code: string): error is ZooKeeperError;
