/** Types and errors of the ZooKeeper client (see zookeeper-client.ts). */
/** A ZooKeeper error code such as NO_NODE, NODE_EXISTS, BAD_VERSION, NOT_EMPTY, CONNECTION_LOSS. */
export class ZooKeeperError extends Error {
    code;
    operation;
    path;
    name = "ZooKeeperError";
    constructor(code, operation, path) {
        super(`ZooKeeper ${operation} ${path}: ${code}`);
        this.code = code;
        this.operation = operation;
        this.path = path;
    }
}
export class ZooKeeperTimeoutError extends Error {
    name = "ZooKeeperTimeoutError";
}
export class ZooKeeperClosedError extends Error {
    name = "ZooKeeperClosedError";
}
export function isZooKeeperError(error, code) {
    return error instanceof ZooKeeperError && error.code === code;
}
//# sourceMappingURL=zookeeper-types.js.map