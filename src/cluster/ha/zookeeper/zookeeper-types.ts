/** Types and errors of the ZooKeeper client (see zookeeper-client.ts). */
import { registerErrorClass, SluiceError } from "../../../errors/sluice-error.js";

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

export type TransactionOp =
  | { op: "create"; path: string; data?: Uint8Array; mode?: CreateMode }
  | { op: "setData"; path: string; data: Uint8Array; version?: number }
  | { op: "delete"; path: string; version?: number }
  | { op: "check"; path: string; version?: number };

/** A ZooKeeper error code such as NO_NODE, NODE_EXISTS, BAD_VERSION, NOT_EMPTY, CONNECTION_LOSS. */
export class ZooKeeperError extends SluiceError {
  constructor(
    readonly code: string,
    readonly operation: string,
    readonly path: string,
  ) {
    super(`ZooKeeper ${operation} ${path}: ${code}`);
  }
}
registerErrorClass(ZooKeeperError);

/** An operation got no answer in time (waiting for a reconnect included): is the quorum reachable? */
export class ZooKeeperTimeoutError extends SluiceError {}
registerErrorClass(ZooKeeperTimeoutError);

export class ZooKeeperClosedError extends SluiceError {}
registerErrorClass(ZooKeeperClosedError);

export function isZooKeeperError(error: unknown, code: string): error is ZooKeeperError {
  return error instanceof ZooKeeperError && error.code === code;
}
