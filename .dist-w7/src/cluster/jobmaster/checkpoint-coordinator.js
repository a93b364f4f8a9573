import { CheckpointStatsTracker } from "./checkpoint-stats.js";
import { checkpointDir, discardCheckpoint, jobCheckpointDir, loadCheckpoint, newSavepointDir, taskRestoreOf, writeMetadata } from "./checkpoint-storage.js";
export class CheckpointDeclinedError extends Error {
    name = "CheckpointDeclinedError";
}
export class CheckpointCoordinator {
    ctx;
    stats = new CheckpointStatsTracker();
    pending = new Map();
    periodic;
    lastCompletedAt = 0;
    consecutiveFailures = 0;
    log;
    /**
     * Store and counter operations under way (with HA: writes to ZooKeeper). shutdown() waits for
     * them, so that a job's HA cleanup cannot be followed by a late write re-creating its nodes.
     */
    storeOperations = new Set();
    /** After shutdown nothing is triggered or completed any more. */
    isShutDown = false;
    /** Runs a store or counter operation, tracked until it settles. */
    tracked(operation) {
        this.storeOperations.add(operation);
        const forget = () => void this.storeOperations.delete(operation);
        operation.then(forget, forget);
        return operation;
    }
    constructor(ctx) {
        this.ctx = ctx;
        this.log = ctx.logger.child(`CheckpointCoordinator ${ctx.jobId.slice(0, 8)}`);
    }
    get settings() {
        return this.ctx.settings;
    }
    /** Starts periodic checkpoints (when an interval is set). */
    startPeriodic() {
        const { intervalMs } = this.ctx.settings;
        if (intervalMs <= 0 || this.periodic)
            return;
        this.periodic = setInterval(() => this.maybeTriggerPeriodic(), Math.max(10, Math.min(intervalMs, 1000)));
        this.periodic.unref();
    }
    stopPeriodic() {
        if (this.periodic)
            clearInterval(this.periodic);
        this.periodic = undefined;
    }
    lastTriggerAt = 0;
    maybeTriggerPeriodic() {
        const now = Date.now();
        const s = this.ctx.settings;
        if (now - this.lastTriggerAt < s.intervalMs)
            return;
        if (now - this.lastCompletedAt < s.minPauseMs)
            return;
        if ([...this.pending.values()].filter((p) => p.kind === "checkpoint").length >= s.maxConcurrent)
            return;
        this.trigger("checkpoint").catch((e) => this.log.debug(`checkpoint not taken: ${e.message}`));
    }
    triggerCheckpoint() {
        return this.trigger("checkpoint");
    }
    triggerSavepoint(request = {}) {
        return this.trigger("savepoint", request);
    }
    async trigger(kind, request = {}) {
        const tasks = this.ctx.tasks();
        if (tasks.length === 0 || tasks.some((t) => !t.running)) {
            throw new CheckpointDeclinedError("not all tasks are running");
        }
        this.lastTriggerAt = Date.now();
        const id = await this.tracked(this.ctx.counter.getAndIncrement());
        if (this.isShutDown)
            throw new CheckpointDeclinedError("the job is shutting down");
        const timestamp = Date.now();
        const dir = kind === "checkpoint" ? checkpointDir(this.ctx.settings.dir, this.ctx.jobId, id) : newSavepointDir(request.dir ?? this.ctx.settings.savepointDir, this.ctx.jobId);
        this.stats.triggered(id, kind, timestamp, tasks.length);
        const result = new Promise((resolve, reject) => {
            const timer = setTimeout(() => this.abort(id, new CheckpointDeclinedError(`checkpoint ${id} expired after ${this.ctx.settings.timeoutMs} ms`)), this.ctx.settings.timeoutMs);
            timer.unref();
            this.pending.set(id, { id, timestamp, kind, dir, waiting: new Set(tasks.map((t) => t.executionId)), acks: [], timer, resolve, reject });
        });
        result.catch(() => { });
        const trigger = { barrier: { checkpointId: id, timestamp, savepoint: kind === "savepoint", dir }, stop: request.stop };
        for (const t of tasks) {
            if (!t.isSource)
                continue;
            t.trigger(trigger).catch((e) => this.abort(id, new CheckpointDeclinedError(`triggering checkpoint ${id} failed: ${e.message}`)));
        }
        return result;
    }
    acknowledge(executionId, checkpointId, ack) {
        const p = this.pending.get(checkpointId);
        if (!p || !p.waiting.delete(executionId))
            return;
        p.acks.push(ack);
        this.stats.acknowledged(checkpointId, ack);
        if (p.waiting.size === 0)
            void this.complete(p);
    }
    decline(_executionId, checkpointId, reason) {
        this.abort(checkpointId, new CheckpointDeclinedError(`checkpoint ${checkpointId} declined: ${reason.message}`), reason.name !== "CheckpointDeclined");
    }
    async complete(p) {
        this.pending.delete(p.id);
        clearTimeout(p.timer);
        if (this.isShutDown) {
            this.fail(p, new CheckpointDeclinedError("the job is shutting down"), false);
            return;
        }
        try {
            const metadata = this.metadataOf(p);
            const path = writeMetadata(p.dir, metadata);
            if (p.kind === "checkpoint") {
                const subsumed = await this.tracked(this.ctx.store.add({ checkpointId: p.id, payload: { path: p.dir } }));
                for (const s of subsumed)
                    discardCheckpoint(s.payload.path);
            }
            this.lastCompletedAt = Date.now();
            this.consecutiveFailures = 0;
            this.stats.completed(p.id, p.dir);
            this.log.info(`completed ${p.kind} ${p.id} (${p.acks.reduce((n, a) => n + a.bytes, 0)} bytes) at ${p.dir}`);
            for (const t of this.ctx.tasks())
                t.notifyComplete(p.id);
            p.resolve(p.kind === "savepoint" ? p.dir : path);
        }
        catch (e) {
            this.fail(p, e, true);
        }
    }
    metadataOf(p) {
        const operators = {};
        for (const a of p.acks) {
            for (const op of a.operators) {
                const entry = (operators[op.uid] ??= { vertexId: a.vertexId, operatorName: op.name, parallelism: 0, maxParallelism: 0, subtasks: [] });
                entry.subtasks.push({ subtask: a.subtask, keyGroupStart: a.keyGroupStart, keyGroupEnd: a.keyGroupEnd, file: a.file, bytes: a.bytes });
                entry.parallelism = entry.subtasks.length;
            }
        }
        for (const a of p.acks)
            for (const op of a.operators)
                operators[op.uid].maxParallelism = Math.max(operators[op.uid].maxParallelism, a.keyGroupEnd + 1);
        return { version: 1, jobId: this.ctx.jobId, checkpointId: p.id, timestamp: p.timestamp, kind: p.kind, operators };
    }
    abort(checkpointId, cause, countsAsFailure = true) {
        const p = this.pending.get(checkpointId);
        if (!p)
            return;
        this.pending.delete(checkpointId);
        clearTimeout(p.timer);
        this.fail(p, cause, countsAsFailure);
    }
    fail(p, cause, countsAsFailure) {
        discardCheckpoint(p.dir);
        this.stats.failed(p.id, cause.message);
        for (const t of this.ctx.tasks())
            t.notifyAborted(p.id);
        p.reject(cause);
        this.log.warn(`${p.kind} ${p.id} failed: ${cause.message}`);
        if (!countsAsFailure || p.kind === "savepoint")
            return;
        this.consecutiveFailures++;
        if (this.consecutiveFailures > this.ctx.settings.tolerableFailures) {
            this.consecutiveFailures = 0;
            this.ctx.onTolerableFailuresExceeded(new Error(`exceeded the tolerable number of failed checkpoints (${this.ctx.settings.tolerableFailures}): ${cause.message}`));
        }
    }
    /** A failover: checkpoints in flight can no longer complete. */
    abortAll(reason) {
        for (const id of [...this.pending.keys()])
            this.abort(id, new CheckpointDeclinedError(reason), false);
    }
    /**
     * The state to restart from: the newest retained checkpoint that is intact, falling back to older
     * ones (and dropping damaged ones) with a clear log line; `initial` (a savepoint) when none exists.
     */
    async latestRestore(initial) {
        for (const c of await this.ctx.store.list()) {
            const path = c.payload.path;
            try {
                const { metadata, dir } = loadCheckpoint(path);
                this.stats.restored(metadata.checkpointId, dir);
                return taskRestoreOf(metadata, dir);
            }
            catch (e) {
                this.log.error(`checkpoint ${c.checkpointId} cannot be used: ${e.message}; trying an older one`);
                await this.dropCheckpoint(c.checkpointId);
            }
        }
        if (initial)
            this.stats.restored(initial.checkpointId, initial.baseDir);
        return initial;
    }
    /** Forgets a checkpoint that turned out to be unusable (a task failed reading it). */
    async dropCheckpoint(checkpointId) {
        const all = await this.ctx.store.list();
        const keep = all.filter((c) => c.checkpointId !== checkpointId);
        if (keep.length === all.length)
            return;
        await this.ctx.store.removeAll();
        for (const c of keep.reverse())
            await this.ctx.store.add(c);
    }
    /** The job reached a terminal state: clean up what the retention rules say. */
    async shutdown(status) {
        this.isShutDown = true;
        this.stopPeriodic();
        this.abortAll(`job ${status}`);
        await Promise.allSettled([...this.storeOperations]);
        const keep = status === "FAILED" || status === "SUSPENDED" || (status === "CANCELED" && this.ctx.settings.retainOnCancellation);
        if (keep)
            return;
        await this.ctx.store.removeAll();
        discardCheckpoint(jobCheckpointDir(this.ctx.settings.dir, this.ctx.jobId));
    }
}
//# sourceMappingURL=checkpoint-coordinator.js.map