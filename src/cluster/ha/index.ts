/** High-availability services: the contract, both implementations and the factory. */
export * from "./interface.js";
export { parseHaConfig, type HaConfig } from "./config.js";
export { HaOptions } from "./ha-options.js";
export { createHighAvailabilityServices, type CreateHaServicesOptions } from "./create-ha-services.js";
export {
  StandaloneHighAvailabilityServices,
  type StandaloneHaOptions,
} from "./standalone/standalone-ha-services.js";
export { DEFAULT_LEADER_SESSION_ID } from "./standalone/leader-registry.js";
export { ZooKeeperHighAvailabilityServices, type ZooKeeperHaOptions } from "./zookeeper/zookeeper-ha-services.js";
export {
  ZooKeeperClient,
  ZooKeeperError,
  ZooKeeperTimeoutError,
  ZooKeeperClosedError,
  type ConnectionState,
  type ZooKeeperClientOptions,
} from "./zookeeper/zookeeper-client.js";
