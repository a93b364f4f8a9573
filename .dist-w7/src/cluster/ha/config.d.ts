/**
 * HA configuration from Flink's keys, so that a Flink user's configuration carries over.
 */
import type { HighAvailabilityType } from "./interface.js";
export declare const HaOptions: {
    readonly TYPE: "high-availability.type";
    /** Flink's older spelling of TYPE, still accepted. */
    readonly LEGACY_TYPE: "high-availability";
    readonly QUORUM: "high-availability.zookeeper.quorum";
    readonly STORAGE_DIR: "high-availability.storageDir";
    readonly CLUSTER_ID: "high-availability.cluster-id";
    readonly ROOT: "high-availability.zookeeper.path.root";
    readonly SESSION_TIMEOUT: "high-availability.zookeeper.client.session-timeout";
    readonly CONNECTION_TIMEOUT: "high-availability.zookeeper.client.connection-timeout";
    readonly TOLERATE_SUSPENDED: "high-availability.zookeeper.client.tolerate-suspended-connections";
    readonly RETRY_WAIT: "high-availability.zookeeper.client.retry-wait";
    readonly MAX_RETRY_ATTEMPTS: "high-availability.zookeeper.client.max-retry-attempts";
};
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
export declare const HA_DEFAULTS: {
    readonly clusterId: "default";
    readonly rootPath: "/sluice";
    readonly sessionTimeoutMs: 60000;
    readonly connectionTimeoutMs: 15000;
    readonly tolerateSuspendedConnection: false;
    readonly retryWaitMs: 5000;
    readonly maxRetryAttempts: 3;
};
export declare function parseHaConfig(config: Record<string, string>): HaConfig;
/** Flink durations: a plain number is milliseconds; "30 s", "1min", "500ms" carry a unit. */
export declare function parseDurationMs(key: string, value: string | undefined, fallback: number): number;
