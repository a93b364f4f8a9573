const HISTORY = 10;
export class CheckpointStatsTracker {
    entries = new Map();
    history = [];
    counts = { restored: 0, total: 0, in_progress: 0, completed: 0, failed: 0 };
    latestCompleted = null;
    latestSavepoint = null;
    latestFailed = null;
    latestRestored = null;
    completedSizes = [];
    completedDurations = [];
    triggered(id, kind, timestamp, subtasks) {
        const e = {
            id,
            status: "IN_PROGRESS",
            is_savepoint: kind === "savepoint",
            trigger_timestamp: timestamp,
            latest_ack_timestamp: -1,
            state_size: 0,
            end_to_end_duration: 0,
            sync_duration: 0,
            async_duration: 0,
            alignment_duration: 0,
            num_subtasks: subtasks,
            num_acknowledged_subtasks: 0,
        };
        this.entries.set(id, e);
        this.history.unshift(id);
        for (const old of this.history.splice(HISTORY))
            this.entries.delete(old);
        this.counts.total++;
        this.counts.in_progress++;
    }
    acknowledged(id, ack) {
        const e = this.entries.get(id);
        if (!e)
            return;
        e.num_acknowledged_subtasks++;
        e.state_size += ack.bytes;
        e.latest_ack_timestamp = Date.now();
        e.end_to_end_duration = e.latest_ack_timestamp - e.trigger_timestamp;
        e.sync_duration = Math.max(e.sync_duration, Math.round(ack.syncDurationMs));
        e.async_duration = Math.max(e.async_duration, Math.round(ack.asyncDurationMs));
        e.alignment_duration = Math.max(e.alignment_duration, Math.round(ack.alignmentDurationMs));
    }
    completed(id, path) {
        const e = this.entries.get(id);
        this.counts.in_progress--;
        this.counts.completed++;
        if (!e)
            return;
        e.status = "COMPLETED";
        e.external_path = path;
        if (e.is_savepoint)
            this.latestSavepoint = e;
        else
            this.latestCompleted = e;
        this.completedSizes.push(e.state_size);
        this.completedDurations.push(e.end_to_end_duration);
    }
    failed(id, message) {
        const e = this.entries.get(id);
        this.counts.in_progress--;
        this.counts.failed++;
        if (!e)
            return;
        e.status = "FAILED";
        e.failure_message = message;
        this.latestFailed = e;
    }
    restored(id, path) {
        this.counts.restored++;
        this.latestRestored = { id, restore_timestamp: Date.now(), external_path: path };
    }
    snapshot() {
        return {
            counts: { ...this.counts },
            summary: { state_size: minMaxAvg(this.completedSizes), end_to_end_duration: minMaxAvg(this.completedDurations) },
            latest: { completed: this.latestCompleted, savepoint: this.latestSavepoint, failed: this.latestFailed, restored: this.latestRestored },
            history: this.history.map((id) => this.entries.get(id)).filter(Boolean),
        };
    }
}
function minMaxAvg(xs) {
    if (xs.length === 0)
        return { min: 0, max: 0, avg: 0 };
    return { min: Math.min(...xs), max: Math.max(...xs), avg: Math.round(xs.reduce((a, b) => a + b, 0) / xs.length) };
}
//# sourceMappingURL=checkpoint-stats.js.map