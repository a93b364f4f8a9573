/** Helpers shared by the ZooKeeper stores: pointer encoding and retry classification. */
import { ZooKeeperError } from "./zookeeper-client.js";
export function encodePointer(filePath) {
    return Buffer.from(filePath, "utf8");
}
export function decodePointer(data) {
    return data.toString("utf8");
}
/**
 * True when ZooKeeper definitely did not apply the operation, so the file written for it can be
 * deleted. After a timeout or a lost connection the operation may still have been applied, and the
 * file must stay (an orphan at worst, removed with the job's directory).
 */
export function definitelyNotApplied(error) {
    return (error instanceof ZooKeeperError &&
        error.code !== "CONNECTION_LOSS" &&
        error.code !== "SESSION_EXPIRED" &&
        error.code !== "OPERATION_TIMEOUT");
}
/** Bound for optimistic-concurrency loops (versioned updates racing with other writers). */
export const MAX_CONFLICT_RETRIES = 100;
//# sourceMappingURL=pointers.js.map