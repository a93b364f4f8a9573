export class TtlPolicy {
    config;
    now;
    refreshOnRead;
    groupIndex = 0;
    cursor;
    constructor(config, now) {
        this.config = config;
        this.now = now;
        this.refreshOnRead = config.updateType === "OnReadAndWrite";
    }
    expired(entry) {
        return this.now() - entry.t >= this.config.ttlMs;
    }
    wrap(v) {
        return { v, t: this.now() };
    }
    /** Reads a wrapped value: undefined when expired, refreshing its clock when reads count. */
    read(entry) {
        if (this.expired(entry))
            return undefined;
        if (this.refreshOnRead)
            entry.t = this.now();
        return entry.v;
    }
    /**
     * Visits a few entries of `table` (walking over all key groups in turn) and deletes those
     * `prune` says are fully expired. Bounded work per call, so it can run on every access.
     */
    cleanup(table, prune) {
        let budget = this.config.cleanupEntriesPerAccess;
        if (budget === 0)
            return;
        const groups = table.groups;
        let switches = 0;
        while (budget > 0 && switches <= groups.length) {
            const group = groups[this.groupIndex];
            this.cursor ??= group.entries();
            const r = this.cursor.next();
            if (r.done) {
                this.cursor = undefined;
                this.groupIndex = (this.groupIndex + 1) % groups.length;
                switches++;
                continue;
            }
            budget--;
            if (prune(r.value[1]))
                group.delete(r.value[0]);
        }
    }
}
//# sourceMappingURL=ttl.js.map