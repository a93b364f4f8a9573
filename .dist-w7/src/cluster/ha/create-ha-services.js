/**
 * Builds the HA services named by `high-availability.type` from Flink-style configuration keys.
 */
import { parseHaConfig } from "./config.js";
import { StandaloneHighAvailabilityServices } from "./standalone/standalone-ha-services.js";
import { ZooKeeperHighAvailabilityServices } from "./zookeeper/zookeeper-ha-services.js";
/**
 * `none` returns at once; `zookeeper` connects first and rejects when the quorum cannot be reached
 * within `high-availability.zookeeper.client.connection-timeout`.
 */
export async function createHighAvailabilityServices(config, options = {}) {
    const ha = parseHaConfig(config);
    if (ha.type === "none")
        return new StandaloneHighAvailabilityServices(options.standalone);
    return ZooKeeperHighAvailabilityServices.create({
        quorum: ha.quorum,
        storageDir: ha.storageDir,
        clusterId: ha.clusterId,
        rootPath: ha.rootPath,
        sessionTimeoutMs: ha.sessionTimeoutMs,
        connectionTimeoutMs: ha.connectionTimeoutMs,
        tolerateSuspendedConnection: ha.tolerateSuspendedConnection,
        operationTimeoutMs: ha.operationTimeoutMs,
    });
}
//# sourceMappingURL=create-ha-services.js.map