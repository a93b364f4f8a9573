/** Conversions between node-zookeeper-client's types and the client's own (zookeeper-types.ts). */
import * as zookeeper from "node-zookeeper-client";
import { ZooKeeperError, type CreateMode, type NodeStat, type WatchEventType, type Watcher } from "./zookeeper-types.js";

export const MODE: Record<CreateMode, number> = {
  persistent: zookeeper.CreateMode.PERSISTENT,
  ephemeral: zookeeper.CreateMode.EPHEMERAL,
  persistent_sequential: zookeeper.CreateMode.PERSISTENT_SEQUENTIAL,
  ephemeral_sequential: zookeeper.CreateMode.EPHEMERAL_SEQUENTIAL,
};

export function toBuffer(data: Uint8Array | undefined): Buffer | undefined {
  if (data === undefined) return undefined;
  return Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

export function toStat(stat: zookeeper.Stat): NodeStat {
  return {
    version: stat.version,
    cversion: stat.cversion,
    numChildren: stat.numChildren,
    dataLength: stat.dataLength,
    ephemeralOwner: Buffer.from(stat.ephemeralOwner).toString("hex"),
  };
}

export function isNoNode(error: Error | zookeeper.Exception | null): boolean {
  return error instanceof zookeeper.Exception && error.getCode() === zookeeper.Exception.NO_NODE;
}

export function wrapError(error: Error | zookeeper.Exception, operation: string, path: string): ZooKeeperError {
  if (error instanceof zookeeper.Exception) return new ZooKeeperError(error.getName(), operation, path);
  return new ZooKeeperError(error.message, operation, path);
}

const EVENT_TYPES: Record<number, WatchEventType> = {
  [zookeeper.Event.NODE_CREATED]: "created",
  [zookeeper.Event.NODE_DELETED]: "deleted",
  [zookeeper.Event.NODE_DATA_CHANGED]: "dataChanged",
  [zookeeper.Event.NODE_CHILDREN_CHANGED]: "childrenChanged",
};

export function wrapWatcher(watcher: Watcher): (event: zookeeper.Event) => void {
  return (event) => {
    const type = EVENT_TYPES[event.getType()];
    if (type) watcher({ type, path: event.getPath() });
  };
}
