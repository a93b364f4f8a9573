/**
 * Builds the HA services named by `high-availability.type` from Flink-style configuration keys.
 */
import { parseHaConfig } from "./config.js";
import type { HighAvailabilityServices } from "./interface.js";
import { StandaloneHighAvailabilityServices, type StandaloneHaOptions } from "./standalone/standalone-ha-services.js";
import { ZooKeeperHighAvailabilityServices } from "./zookeeper/zookeeper-ha-services.js";

export interface CreateHaServicesOptions {
  /** For `none`: the fixed leader addresses and session id (see StandaloneHaOptions). */
  standalone?: StandaloneHaOptions;
}

/**
 * `none` returns at once; `zookeeper` connects first and rejects when the quorum cannot be reached
 * within `high-availability.zookeeper.client.connection-timeout`.
 */
export async function createHighAvailabilityServices(
  config: Record<string, string>,
  options: CreateHaServicesOptions = {},
): Promise<HighAvailabilityServices> {
  const ha = parseHaConfig(config);
  if (ha.type === "none") return new StandaloneHighAvailabilityServices(options.standalone);
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
