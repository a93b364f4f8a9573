/**
 * In-memory stores for the standalone (`none`) implementation. Same semantics as the ZooKeeper
 * stores, nothing survives the process. Values are copied in and out so that callers cannot change
 * stored data by mutating their objects.
 */
import { HighAvailabilityError, INITIAL_CHECKPOINT_ID, } from "../interface.js";
import { copyPayload } from "../payload.js";
import { validateCheckpointId, validateCounterValue, validateJobId, validateMaxRetained } from "../validation.js";
export class InMemoryJobGraphStore {
    graphs = new Map();
    async put(jobId, jobGraph) {
        validateJobId(jobId);
        this.graphs.set(jobId, copyPayload(jobGraph));
    }
    async get(jobId) {
        validateJobId(jobId);
        const graph = this.graphs.get(jobId);
        return graph === undefined ? undefined : copyPayload(graph);
    }
    async remove(jobId) {
        validateJobId(jobId);
        this.graphs.delete(jobId);
    }
    async jobIds() {
        return [...this.graphs.keys()].sort();
    }
}
export class InMemoryCompletedCheckpointStore {
    jobId;
    maxRetained;
    checkpoints;
    /** Checkpoint id → payload; shared per job by the services, so a store re-created for a job sees them. */
    constructor(jobId, maxRetained, checkpoints) {
        this.jobId = jobId;
        this.maxRetained = maxRetained;
        this.checkpoints = checkpoints;
        validateJobId(jobId);
        validateMaxRetained(maxRetained);
    }
    async add(checkpoint) {
        validateCheckpointId(checkpoint.checkpointId);
        if (this.checkpoints.has(checkpoint.checkpointId)) {
            throw new HighAvailabilityError(`checkpoint ${checkpoint.checkpointId} of job ${this.jobId} already exists`);
        }
        this.checkpoints.set(checkpoint.checkpointId, copyPayload(checkpoint.payload));
        const ids = [...this.checkpoints.keys()].sort((a, b) => b - a);
        const subsumed = [];
        for (const id of ids.slice(this.maxRetained).reverse()) {
            subsumed.push({ checkpointId: id, payload: this.checkpoints.get(id) });
            this.checkpoints.delete(id);
        }
        return subsumed;
    }
    async latest() {
        return (await this.list())[0];
    }
    async list() {
        return [...this.checkpoints.entries()]
            .sort(([a], [b]) => b - a)
            .map(([checkpointId, payload]) => ({ checkpointId, payload: copyPayload(payload) }));
    }
    async removeAll() {
        this.checkpoints.clear();
    }
}
export class InMemoryCheckpointIdCounter {
    jobId;
    cell;
    constructor(jobId, cell) {
        this.jobId = jobId;
        this.cell = cell;
    }
    async getAndIncrement() {
        return this.cell.value++;
    }
    async get() {
        return this.cell.value;
    }
    async set(value) {
        validateCounterValue(value);
        this.cell.value = value;
    }
}
export class InMemoryJobResultStore {
    /** jobId → result while dirty, or null once clean (clean entries keep no bytes). */
    entries = new Map();
    async createDirty(jobId, result) {
        validateJobId(jobId);
        if (this.entries.has(jobId))
            throw new HighAvailabilityError(`job result for ${jobId} already exists`);
        this.entries.set(jobId, copyPayload(result));
    }
    async markClean(jobId) {
        validateJobId(jobId);
        if (!this.entries.has(jobId))
            throw new HighAvailabilityError(`no job result for ${jobId} to mark clean`);
        this.entries.set(jobId, null);
    }
    async has(jobId) {
        validateJobId(jobId);
        return this.entries.has(jobId);
    }
    async hasDirty(jobId) {
        validateJobId(jobId);
        const entry = this.entries.get(jobId);
        return entry !== undefined && entry !== null;
    }
    async hasClean(jobId) {
        validateJobId(jobId);
        return this.entries.get(jobId) === null;
    }
    async dirtyResults() {
        const dirty = [];
        for (const [jobId, result] of this.entries) {
            if (result !== null)
                dirty.push({ jobId, result: copyPayload(result) });
        }
        return dirty.sort((a, b) => (a.jobId < b.jobId ? -1 : a.jobId > b.jobId ? 1 : 0));
    }
    async deleteClean(jobId) {
        validateJobId(jobId);
        if (this.entries.get(jobId) === null)
            this.entries.delete(jobId);
    }
    clear() {
        this.entries.clear();
    }
}
export function newCounterCell() {
    return { value: INITIAL_CHECKPOINT_ID };
}
//# sourceMappingURL=in-memory-stores.js.map