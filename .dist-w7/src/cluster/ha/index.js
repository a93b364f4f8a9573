/** High-availability services: the contract, both implementations and the factory. */
export * from "./interface.js";
export { HaOptions, HA_DEFAULTS, parseHaConfig } from "./config.js";
export { createHighAvailabilityServices } from "./create-ha-services.js";
export { StandaloneHighAvailabilityServices, } from "./standalone/standalone-ha-services.js";
export { DEFAULT_LEADER_SESSION_ID } from "./standalone/leader-registry.js";
export { ZooKeeperHighAvailabilityServices } from "./zookeeper/zookeeper-ha-services.js";
export { ZooKeeperClient, ZooKeeperError, ZooKeeperTimeoutError, ZooKeeperClosedError, } from "./zookeeper/zookeeper-client.js";
//# sourceMappingURL=index.js.map