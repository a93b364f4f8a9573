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
};
/** Flink's defaults. */
export const HA_DEFAULTS = {
    clusterId: "default",
    rootPath: "/sluice",
    sessionTimeoutMs: 60_000,
    connectionTimeoutMs: 15_000,
    tolerateSuspendedConnection: false,
    retryWaitMs: 5000,
    maxRetryAttempts: 3,
};
export function parseHaConfig(config) {
    const rawType = (config[HaOptions.TYPE] ?? config[HaOptions.LEGACY_TYPE] ?? "none").trim().toLowerCase();
    if (rawType !== "none" && rawType !== "zookeeper") {
        throw new Error(`${HaOptions.TYPE}: unsupported value "${rawType}" (expected none or zookeeper)`);
    }
    const rootPath = normalizeRoot(config[HaOptions.ROOT] ?? HA_DEFAULTS.rootPath);
    const clusterId = (config[HaOptions.CLUSTER_ID] ?? HA_DEFAULTS.clusterId).trim();
    if (clusterId === "" || clusterId.includes("/")) {
        throw new Error(`${HaOptions.CLUSTER_ID}: must be a non-empty name without "/", got "${clusterId}"`);
    }
    const result = {
        type: rawType,
        quorum: (config[HaOptions.QUORUM] ?? "").trim(),
        storageDir: (config[HaOptions.STORAGE_DIR] ?? "").trim().replace(/^file:\/\//, ""),
        clusterId,
        rootPath,
        sessionTimeoutMs: parseDurationMs(HaOptions.SESSION_TIMEOUT, config[HaOptions.SESSION_TIMEOUT], HA_DEFAULTS.sessionTimeoutMs),
        connectionTimeoutMs: parseDurationMs(HaOptions.CONNECTION_TIMEOUT, config[HaOptions.CONNECTION_TIMEOUT], HA_DEFAULTS.connectionTimeoutMs),
        tolerateSuspendedConnection: parseBoolean(HaOptions.TOLERATE_SUSPENDED, config[HaOptions.TOLERATE_SUSPENDED], HA_DEFAULTS.tolerateSuspendedConnection),
        operationTimeoutMs: parseDurationMs(HaOptions.RETRY_WAIT, config[HaOptions.RETRY_WAIT], HA_DEFAULTS.retryWaitMs) *
            parsePositiveInteger(HaOptions.MAX_RETRY_ATTEMPTS, config[HaOptions.MAX_RETRY_ATTEMPTS], HA_DEFAULTS.maxRetryAttempts),
    };
    if (result.type === "zookeeper") {
        if (result.quorum === "")
            throw new Error(`${HaOptions.QUORUM} is required when ${HaOptions.TYPE} is zookeeper`);
        if (result.storageDir === "") {
            throw new Error(`${HaOptions.STORAGE_DIR} is required when ${HaOptions.TYPE} is zookeeper`);
        }
    }
    return result;
}
function normalizeRoot(root) {
    const trimmed = root.trim().replace(/\/+$/, "");
    const withSlash = trimmed.startsWith("/") ? trimmed : `/${trimmed}`;
    if (withSlash === "/" || withSlash.includes("//"))
        throw new Error(`${HaOptions.ROOT}: invalid path "${root}"`);
    return withSlash;
}
const UNIT_MS = {
    "": 1,
    ms: 1,
    milli: 1,
    millis: 1,
    millisecond: 1,
    milliseconds: 1,
    s: 1000,
    sec: 1000,
    secs: 1000,
    second: 1000,
    seconds: 1000,
    min: 60_000,
    m: 60_000,
    minute: 60_000,
    minutes: 60_000,
    h: 3_600_000,
    hour: 3_600_000,
    hours: 3_600_000,
};
/** Flink durations: a plain number is milliseconds; "30 s", "1min", "500ms" carry a unit. */
export function parseDurationMs(key, value, fallback) {
    if (value === undefined || value.trim() === "")
        return fallback;
    const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(value.trim());
    const factor = match ? UNIT_MS[match[2].toLowerCase()] : undefined;
    if (!match || factor === undefined)
        throw new Error(`${key}: cannot parse duration "${value}"`);
    const ms = Math.round(Number(match[1]) * factor);
    if (ms <= 0)
        throw new Error(`${key}: must be positive, got "${value}"`);
    return ms;
}
function parsePositiveInteger(key, value, fallback) {
    if (value === undefined || value.trim() === "")
        return fallback;
    const n = Number(value.trim());
    if (!Number.isSafeInteger(n) || n < 1)
        throw new Error(`${key}: expected a positive integer, got "${value}"`);
    return n;
}
function parseBoolean(key, value, fallback) {
    if (value === undefined || value.trim() === "")
        return fallback;
    const v = value.trim().toLowerCase();
    if (v === "true")
        return true;
    if (v === "false")
        return false;
    throw new Error(`${key}: expected true or false, got "${value}"`);
}
//# sourceMappingURL=config.js.map