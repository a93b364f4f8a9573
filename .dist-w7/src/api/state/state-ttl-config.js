export class StateTtlConfigBuilder {
    ttlMs;
    updateType = "OnCreateAndWrite";
    cleanupEntries = 5;
    constructor(ttlMs) {
        this.ttlMs = ttlMs;
        if (!(ttlMs > 0))
            throw new RangeError(`state TTL must be positive, got ${ttlMs}`);
    }
    setUpdateType(type) {
        this.updateType = type;
        return this;
    }
    updateTtlOnCreateAndWrite() {
        return this.setUpdateType("OnCreateAndWrite");
    }
    updateTtlOnReadAndWrite() {
        return this.setUpdateType("OnReadAndWrite");
    }
    /** Kept for Flink familiarity: expired state is never returned regardless. */
    neverReturnExpired() {
        return this;
    }
    /** Checks `entries` other entries for expiry on every access, so untouched keys are freed too. */
    cleanupIncrementally(entries) {
        this.cleanupEntries = Math.max(0, Math.floor(entries));
        return this;
    }
    disableCleanupInBackground() {
        this.cleanupEntries = 0;
        return this;
    }
    build() {
        return { ttlMs: this.ttlMs, updateType: this.updateType, stateVisibility: "NeverReturnExpired", cleanupEntriesPerAccess: this.cleanupEntries };
    }
}
export const StateTtlConfig = {
    newBuilder(ttlMs) {
        return new StateTtlConfigBuilder(ttlMs);
    },
};
//# sourceMappingURL=state-ttl-config.js.map