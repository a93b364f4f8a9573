/**
 * The HA settings of a process, read from the options in ha-options.ts.
 */
import { readOption, requireOption } from "../../config/config-option.js";
import { ConfigurationError, type Configuration } from "../../config/configuration.js";
import { HaOptions } from "./ha-options.js";
import { checkLocation } from "../../fs/file-systems.js";
import type { HighAvailabilityType } from "./interface.js";

export interface HaConfig {
  type: HighAvailabilityType;
  /** "host:port,host:port"; required for zookeeper. */
  quorum: string;
  /** Directory for the bytes behind the ZooKeeper pointers; required for zookeeper. */
  storageDir: string;
  clusterId: string;
  /** ZooKeeper root node, starting with "/". */
  rootPath: string;
  sessionTimeoutMs: number;
  connectionTimeoutMs: number;
  /** Keep leadership while the connection is suspended (lose it only when the session is lost). */
  tolerateSuspendedConnection: boolean;
  /**
   * How long one ZooKeeper operation may take, waiting for a reconnect included. Flink's Curator
   * retries `max-retry-attempts` times `retry-wait` apart; the same product bounds an operation here.
   */
  operationTimeoutMs: number;
}

/** A path, file:// or s3:// URI (docs/architecture.md, "File systems"), its form checked now; file:// as a path. */
function checkedStorageDir(dir: string): string {
  if (dir !== "") checkLocation(dir, HaOptions.STORAGE_DIR.key);
  return dir.replace(/^file:\/\//, "");
}

export function parseHaConfig(config: Readonly<Configuration>): HaConfig {
  const type = readOption(config, HaOptions.TYPE);
  const clusterId = readOption(config, HaOptions.CLUSTER_ID);
  if (clusterId === "" || clusterId.includes("/")) {
    throw new ConfigurationError(`${HaOptions.CLUSTER_ID.key} must be a non-empty name without "/", got "${clusterId}"`);
  }
  const zookeeper = type === "zookeeper";
  const when = `when ${HaOptions.TYPE.key} is zookeeper`;
  return {
    type,
    quorum: zookeeper ? requireOption(config, HaOptions.QUORUM, when) : (readOption(config, HaOptions.QUORUM) ?? ""),
    storageDir: checkedStorageDir(zookeeper ? requireOption(config, HaOptions.STORAGE_DIR, when) : (readOption(config, HaOptions.STORAGE_DIR) ?? "")),
    clusterId,
    rootPath: normalizeRoot(readOption(config, HaOptions.ROOT)),
    sessionTimeoutMs: readOption(config, HaOptions.SESSION_TIMEOUT),
    connectionTimeoutMs: readOption(config, HaOptions.CONNECTION_TIMEOUT),
    tolerateSuspendedConnection: readOption(config, HaOptions.TOLERATE_SUSPENDED),
    operationTimeoutMs: readOption(config, HaOptions.RETRY_WAIT) * readOption(config, HaOptions.MAX_RETRY_ATTEMPTS),
  };
}

function normalizeRoot(root: string): string {
  const trimmed = root.trim().replace(/\/+$/, "");
  const withSlash = trimmed.startsWith("/") ? trimmed : `/${trimmed}`;
  if (withSlash === "/" || withSlash.includes("//")) {
    throw new ConfigurationError(`${HaOptions.ROOT.key} must be a ZooKeeper path such as /sluice, got "${root}"`);
  }
  return withSlash;
}
