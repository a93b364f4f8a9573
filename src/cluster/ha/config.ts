/**
 * HA configuration from Flink's keys, so that a Flink user's configuration carries over.
 */
import { durationOption } from "../../config/configuration.js";
import type { HighAvailabilityType } from "./interface.js";

export const HaOptions = {
  TYPE: "high-availability.type",
  /** Flink's older spelling of TYPE, still accepted. */
  LEGACY_TYPE: "high-availability",
  QUORUM: "high-availability.zookeeper.quorum",
  STORAGE_DIR: "high-availability.storageDir",
  CLUSTER_ID: "high-availability.cluster-id",
  ROOT: "high-availability.zookeeper.path.root",
  SESSION_TIMEOUT: "high-availability.zookeeper.client.session-timeout",
  CONNECTION_TIMEOUT: "high-availability.zookeeper.client.connection-timeout",
  TOLERATE_SUSPENDED: "high-availability.zookeeper.client.tolerate-suspended-connections",
  RETRY_WAIT: "high-availability.zookeeper.client.retry-wait",
  MAX_RETRY_ATTEMPTS: "high-availability.zookeeper.client.max-retry-attempts",
} as const;

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

/** Flink's defaults. */
export const HA_DEFAULTS = {
  clusterId: "default",
  rootPath: "/sluice",
  sessionTimeoutMs: 60_000,
  connectionTimeoutMs: 15_000,
  tolerateSuspendedConnection: false,
  retryWaitMs: 5000,
  maxRetryAttempts: 3,
} as const;

export function parseHaConfig(config: Record<string, string>): HaConfig {
  const rawType = (config[HaOptions.TYPE] ?? config[HaOptions.LEGACY_TYPE] ?? "none").trim().toLowerCase();
  if (rawType !== "none" && rawType !== "zookeeper") {
    throw new Error(`${HaOptions.TYPE}: unsupported value "${rawType}" (expected none or zookeeper)`);
  }
  const rootPath = normalizeRoot(config[HaOptions.ROOT] ?? HA_DEFAULTS.rootPath);
  const clusterId = (config[HaOptions.CLUSTER_ID] ?? HA_DEFAULTS.clusterId).trim();
  if (clusterId === "" || clusterId.includes("/")) {
    throw new Error(`${HaOptions.CLUSTER_ID}: must be a non-empty name without "/", got "${clusterId}"`);
  }
  const result: HaConfig = {
    type: rawType,
    quorum: (config[HaOptions.QUORUM] ?? "").trim(),
    storageDir: (config[HaOptions.STORAGE_DIR] ?? "").trim().replace(/^file:\/\//, ""),
    clusterId,
    rootPath,
    sessionTimeoutMs: parseDurationMs(HaOptions.SESSION_TIMEOUT, config[HaOptions.SESSION_TIMEOUT], HA_DEFAULTS.sessionTimeoutMs),
    connectionTimeoutMs: parseDurationMs(
      HaOptions.CONNECTION_TIMEOUT,
      config[HaOptions.CONNECTION_TIMEOUT],
      HA_DEFAULTS.connectionTimeoutMs,
    ),
    tolerateSuspendedConnection: parseBoolean(
      HaOptions.TOLERATE_SUSPENDED,
      config[HaOptions.TOLERATE_SUSPENDED],
      HA_DEFAULTS.tolerateSuspendedConnection,
    ),
    operationTimeoutMs:
      parseDurationMs(HaOptions.RETRY_WAIT, config[HaOptions.RETRY_WAIT], HA_DEFAULTS.retryWaitMs) *
      parsePositiveInteger(HaOptions.MAX_RETRY_ATTEMPTS, config[HaOptions.MAX_RETRY_ATTEMPTS], HA_DEFAULTS.maxRetryAttempts),
  };
  if (result.type === "zookeeper") {
    if (result.quorum === "") throw new Error(`${HaOptions.QUORUM} is required when ${HaOptions.TYPE} is zookeeper`);
    if (result.storageDir === "") {
      throw new Error(`${HaOptions.STORAGE_DIR} is required when ${HaOptions.TYPE} is zookeeper`);
    }
  }
  return result;
}

function normalizeRoot(root: string): string {
  const trimmed = root.trim().replace(/\/+$/, "");
  const withSlash = trimmed.startsWith("/") ? trimmed : `/${trimmed}`;
  if (withSlash === "/" || withSlash.includes("//")) throw new Error(`${HaOptions.ROOT}: invalid path "${root}"`);
  return withSlash;
}

/** Flink durations (see durationOption), which must be positive here. */
export function parseDurationMs(key: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === "") return fallback;
  const ms = durationOption({ [key]: value }, key, fallback);
  if (ms <= 0) throw new Error(`${key}: must be positive, got "${value}"`);
  return ms;
}

function parsePositiveInteger(key: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === "") return fallback;
  const n = Number(value.trim());
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${key}: expected a positive integer, got "${value}"`);
  return n;
}

function parseBoolean(key: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value.trim() === "") return fallback;
  const v = value.trim().toLowerCase();
  if (v === "true") return true;
  if (v === "false") return false;
  throw new Error(`${key}: expected true or false, got "${value}"`);
}
